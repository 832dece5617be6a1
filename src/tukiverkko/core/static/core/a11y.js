// Keyboard and screen-reader care for htmx swaps, site-wide (docs/decisions/0152).
// A swap that replaces the element holding focus (e.g. the button that asked for it) would
// drop a keyboard user to the top of the page: focus then moves to what came in. Results that
// update in place are announced by their own aria-live region.
(function () {
  var swappedId = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    swappedId = target && target.contains(document.activeElement) ? target.id : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!swappedId) { return; }
    var active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) { swappedId = null; return; }
    var arrived = document.getElementById(swappedId);
    swappedId = null;
    if (!arrived) { return; }
    if (!arrived.hasAttribute("tabindex")) { arrived.setAttribute("tabindex", "-1"); }
    arrived.focus();
  });
})();
// A form loaded on demand into an element marked data-focus-on-load (the client page's action
// forms, decision 0337): the user opened it to fill it in, so focus goes to its first field.
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.detail.target;
  if (!target || !target.hasAttribute("data-focus-on-load")) { return; }
  var field = target.querySelector("select, textarea, input:not([type=hidden]), button");
  if (field) { field.focus(); }
});
