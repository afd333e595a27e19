// Engage review area: small improvements on top of pages that work without scripts.
(function () {
  "use strict";

  // Ask before a form with data-confirm is sent (the server asks again when scripts are off).
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
})();
