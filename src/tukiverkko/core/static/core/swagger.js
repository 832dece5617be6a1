// API docs page: Swagger UI puts a link (the operation's anchor) inside each operation's
// toggle button — a control inside a control, which screen readers do not announce (axe:
// nested-interactive). The button already opens the operation, so the inner link becomes
// plain text. Swagger UI renders late and re-renders, hence the observer.
(function () {
  function fix(root) {
    root.querySelectorAll(".opblock-summary-control a[href]").forEach(function (a) {
      a.removeAttribute("href");
    });
  }
  // Swagger UI's own hash routing keeps the skip link's jump from moving focus; move it here.
  document.querySelector(".skip-link").addEventListener("click", function (event) {
    event.preventDefault();
    document.getElementById("swagger-ui").focus();
  });
  new MutationObserver(function () { fix(document); })
    .observe(document.getElementById("swagger-ui"), { childList: true, subtree: true });
})();
