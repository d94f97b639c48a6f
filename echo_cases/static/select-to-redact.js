// Select a missed identifier in "You wrote" and press a button to add it to the phrases
// to redact. Only an enhancement: without JavaScript the clinician types the phrase into
// the same box, so the buttons are made here rather than written into the page.
(function () {
  "use strict";
  var box = document.getElementById("redact_also");
  var columns = document.querySelectorAll("[data-original]");
  if (!box || !columns.length || !window.getSelection) { return; }

  var status = document.createElement("p");
  status.className = "hint";
  status.setAttribute("role", "status");
  box.parentNode.insertBefore(status, box.nextSibling);

  // Remember the last selection made inside "You wrote": on touch screens pressing a
  // button can clear the selection before the click arrives.
  var chosen = "";
  function inOriginal(node) {
    for (; node; node = node.parentNode) {
      if (node.hasAttribute && node.hasAttribute("data-original")) { return true; }
    }
    return false;
  }
  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    var text = selection.toString().replace(/\s+/g, " ").trim();
    if (text && inOriginal(selection.anchorNode) && inOriginal(selection.focusNode)) {
      chosen = text;
    }
  });

  function add() {
    var text = window.getSelection().toString().replace(/\s+/g, " ").trim() || chosen;
    if (!text) {
      status.textContent = "First select the words to redact in \u201cYou wrote\u201d.";
      return;
    }
    var lines = box.value.split("\n").map(function (l) { return l.trim(); })
      .filter(function (l) { return l; });
    if (lines.indexOf(text) === -1) { lines.push(text); }
    box.value = lines.join("\n");
    chosen = "";
    status.textContent = "\u201c" + text + "\u201d will be redacted. Press Update preview to check.";
  }

  columns.forEach(function (column) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = "Redact the selected words";
    button.addEventListener("click", add);
    column.appendChild(button);
  });
}());
