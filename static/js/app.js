// Klientwebb's own small script: htmx does the requests, this keeps the page's
// accessibility state in step with the fragments it swaps in.
"use strict";

// A field's message fragment carries data-field and data-state; the input it
// describes gets aria-invalid from it, without its value, caret or focus being
// touched (DESIGN.md 2.3 and 5.3).
document.addEventListener("htmx:load", function (event) {
  var root = event.detail.elt;
  var messages = [root].concat(Array.from(root.querySelectorAll("[data-field]")));
  messages.forEach(function (message) {
    if (!message.dataset || !message.dataset.field) {
      return;
    }
    var input = document.getElementById(message.dataset.field);
    if (!input) {
      return;
    }
    if (message.dataset.state === "error") {
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-invalid");
    }
  });
});
