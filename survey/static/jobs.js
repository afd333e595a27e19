// A batch page: follow the job's progress and reload the page when it ends.
// Without scripts the page offers a Refresh link instead.
(function () {
  "use strict";

  var box = document.querySelector("[data-job-url]");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-job-url");
  var bar = box.querySelector("progress");
  var stage = box.querySelector(".job-stage");

  function check() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        if (job.status === "done" || job.status === "failed") { window.location.reload(); return; }
        bar.value = job.progress;
        if (job.status === "running" && job.stage) { stage.textContent = job.stage; }
        window.setTimeout(check, 1000);
      })
      .catch(function () { window.setTimeout(check, 3000); });
  }
  window.setTimeout(check, 1000);
})();
