// Draws every <canvas data-chart="ID"> from the JSON in <script id="ID" type="application/json">.
// One way to draw charts in Mensenwerk: a page embeds {type, labels, datasets, options} with
// Django's json_script; nothing on the page is executed inline (CSP script-src 'self').
(function () {
  "use strict";
  var palette = ["#1f5f99", "#c2571a", "#2e8b57", "#7a4fa3", "#b8860b", "#8b2c3c", "#4a6b7c"];

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") return;
    var spec = JSON.parse(source.textContent);
    spec.datasets.forEach(function (set, i) {
      var colour = set.colour || palette[i % palette.length];
      set.backgroundColor = set.backgroundColor || colour;
      set.borderColor = set.borderColor || colour;
    });
    new Chart(canvas, {
      type: spec.type || "bar",
      data: { labels: spec.labels, datasets: spec.datasets },
      options: Object.assign(
        { responsive: true, maintainAspectRatio: false, animation: false },
        spec.options || {}
      ),
    });
    canvas.dataset.drawn = "true";
  }

  function drawAll() {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
