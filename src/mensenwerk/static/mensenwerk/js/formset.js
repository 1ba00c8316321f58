// "Add a row" for Django formsets: copies the <template data-formset-empty="PREFIX"> row into
// <tbody data-formset-body="PREFIX"> and counts it in PREFIX-TOTAL_FORMS. Without script
// the form still works: it always offers a few empty rows, and saving offers new ones.
(function () {
  "use strict";

  function setUp(button) {
    var prefix = button.dataset.formsetAdd;
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    var body = document.querySelector('[data-formset-body="' + prefix + '"]');
    var template = document.querySelector('[data-formset-empty="' + prefix + '"]');
    if (!total || !body || !template) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = Number(total.value);
      if (max && index >= Number(max.value)) return;
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      body.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var first = body.lastElementChild && body.lastElementChild.querySelector("input, select");
      if (first) first.focus();
      if (max && index + 1 >= Number(max.value)) button.hidden = true;
    });
  }

  function init() {
    document.querySelectorAll("[data-formset-add]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
