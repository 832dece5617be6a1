// "Tulosta" buttons of printable pages (core/printable.html): a script file, not an inline
// handler, so a strict Content-Security-Policy can stay strict.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) { window.print(); }
});
