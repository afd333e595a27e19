// Engage: small improvements on top of pages that work without scripts.
(function () {
  "use strict";

  function currentValues(form, name) {
    var values = [];
    var fields = form.querySelectorAll('[name="' + name + '"]');
    Array.prototype.forEach.call(fields, function (field) {
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) { return; }
      if (field.value) { values.push(field.value); }
    });
    return values;
  }

  // Show a question only while the answer it depends on (on the same page) matches.
  function updateConditions(form) {
    var blocks = form.querySelectorAll("[data-show-if]");
    Array.prototype.forEach.call(blocks, function (block) {
      var rule = JSON.parse(block.getAttribute("data-show-if"));
      var values = currentValues(form, rule.field);
      block.hidden = !values.some(function (v) { return rule.values.indexOf(v) !== -1; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
    var form = document.querySelector("form.question-page");
    if (!form) { return; }
    updateConditions(form);
    form.addEventListener("change", function () { updateConditions(form); });
  });
})();
