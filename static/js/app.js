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

// An answer htmx does not swap (413, 400, 404, 500) or no answer at all must
// not leave the user guessing: say so in the page's status line.
var PROBLEMS = {
  400: "Sidan har gått ut. Ladda om sidan och försök igen.",
  404: "Det du sökte finns inte längre. Ladda om sidan.",
  413: "Det du skickade är större än 1 MB. Korta texterna och försök igen.",
  429: "För många försök. Vänta en stund och försök igen."
};

function tellProblem(text) {
  var notice = document.getElementById("notice");
  if (!notice) {
    notice = document.createElement("div");
    notice.id = "notice";
    notice.setAttribute("role", "status");
    document.getElementById("main").prepend(notice);
  }
  var message = document.createElement("p");
  message.className = "notice notice-error";
  message.textContent = text;
  notice.replaceChildren(message);
}

document.addEventListener("htmx:responseError", function (event) {
  var status = event.detail.xhr.status;
  tellProblem(PROBLEMS[status] || "Något gick fel hos oss. Försök igen om en stund.");
});

document.addEventListener("htmx:sendError", function () {
  tellProblem("Ingen kontakt med servern. Kontrollera nätverket och försök igen.");
});

// An element whose own place goes away when its request succeeds (a removed
// row's Ta bort link) names where focus goes next in data-focus-after, so
// keyboard users are not dropped at the top of the page.
document.addEventListener("htmx:afterSettle", function (event) {
  var source = event.detail.requestConfig && event.detail.requestConfig.elt;
  var selector = source && source.dataset && source.dataset.focusAfter;
  if (!selector) {
    return;
  }
  var next = document.querySelector(selector) || document.getElementById("notice");
  if (next) {
    if (!next.hasAttribute("tabindex")) {
      next.setAttribute("tabindex", "-1");
    }
    next.focus();
  }
});
