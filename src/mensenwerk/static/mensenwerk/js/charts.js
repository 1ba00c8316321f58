// Draws every <canvas data-chart="ID"> from the JSON in <script id="ID" type="application/json">.
// One way to draw charts in Mensenwerk: a page embeds {type, labels, datasets, options} with
// Django's json_script; nothing on the page is executed inline (CSP script-src 'self').
(function () {
  "use strict";
  var palette = ["#1f5f99", "#c2571a", "#2e8b57", "#7a4fa3", "#b8860b", "#8b2c3c", "#4a6b7c"];

  // Writes each point's "pointLabel" beside it, so a scatter needs no colour legend.
  var pointLabels = {
    id: "mwPointLabels",
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      ctx.save();
      ctx.font = "600 12px system-ui, sans-serif";
      ctx.fillStyle = "#1b1b1b";
      ctx.textBaseline = "middle";
      chart.data.datasets.forEach(function (set, i) {
        var meta = chart.getDatasetMeta(i);
        if (!set.pointLabel || meta.hidden) return;
        meta.data.forEach(function (point) {
          var right = point.x + 10 + ctx.measureText(set.pointLabel).width < chart.chartArea.right;
          ctx.textAlign = right ? "left" : "right";
          ctx.fillText(set.pointLabel, point.x + (right ? 10 : -10), point.y);
        });
      });
      ctx.restore();
    },
  };

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
      plugins: spec.pointLabels ? [pointLabels] : [],
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
