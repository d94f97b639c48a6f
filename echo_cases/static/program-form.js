// Each program may ask for its own case form. On a new case, choosing a program whose form
// differs from the one shown, before typing anything, opens that program's form at once.
// Once something is typed the page is left as it is: saving shows the program's form, and
// shows back anything typed under a field it does not ask for. Only an enhancement:
// without JavaScript saving does the same.
(function () {
  "use strict";
  var select = document.querySelector("select[data-program-form]");
  if (!select) { return; }
  function formToOpen() {
    var typed = Array.prototype.some.call(select.form.elements, function (el) {
      if (!el.name || el === select || el.type === "hidden") { return false; }
      if (el.type === "checkbox" || el.type === "radio") { return el.checked; }
      return el.value.trim() !== "";
    });
    var chosen = select.options[select.selectedIndex];
    var form = chosen ? chosen.getAttribute("data-form") : null;
    return !typed && select.value && form && form !== select.getAttribute("data-shown-form");
  }
  // The choice is not kept nor autosaved when another form opens: an empty draft would be.
  select.addEventListener("input", function (event) {
    if (formToOpen()) { event.stopPropagation(); }
  });
  select.addEventListener("change", function (event) {
    if (formToOpen()) {
      event.stopPropagation();
      window.location.assign("?program_id=" + encodeURIComponent(select.value));
    }
  });
}());
