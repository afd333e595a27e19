// Theme pages: follow a running analysis and show the themes once it is done.
// Without scripts the page offers a Refresh link instead.
(function () {
  "use strict";

  var box = document.querySelector("[data-status-url]");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = box.querySelector("progress");
  var stage = box.querySelector(".run-stage");
  var percent = box.querySelector(".run-percent");

  function check() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (run) {
        if (run.status !== "running") { window.location.reload(); return; }
        bar.value = run.progress;
        percent.textContent = run.progress;
        stage.textContent = run.stage || "";
        window.setTimeout(check, 1000);
      })
      .catch(function () { window.setTimeout(check, 3000); });
  }
  window.setTimeout(check, 1000);
})();
