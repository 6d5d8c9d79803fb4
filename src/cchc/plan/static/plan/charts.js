// Draws the plan's trend charts from the JSON each <canvas data-chart="id"> points to.
// Observed values as a line, the projection dashed with its 80 % band, targets as flat lines.
(function () {
  "use strict";
  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof Chart === "undefined") return;
    var d = JSON.parse(source.textContent);
    var n = d.labels.length;
    var datasets = [
      { label: d.names.observed, data: d.observed, borderColor: "#0a4f8a", backgroundColor: "#0a4f8a",
        pointStyle: "circle", pointRadius: 3, spanGaps: false },
    ];
    if (d.projected && d.projected.length) {
      datasets.push({ label: d.names.high, data: d.high, borderColor: "rgba(164,22,26,0)",
        backgroundColor: "rgba(164,22,26,0.15)", pointRadius: 0, fill: "+1" });
      datasets.push({ label: d.names.low, data: d.low, borderColor: "rgba(164,22,26,0)",
        backgroundColor: "rgba(164,22,26,0.15)", pointRadius: 0, fill: false });
      datasets.push({ label: d.names.projected, data: d.projected, borderColor: "#a4161a",
        backgroundColor: "#a4161a", borderDash: [6, 4], pointStyle: "triangle", pointRadius: 4,
        spanGaps: true });
    }
    var dashes = [[2, 2], [8, 3]];
    Object.keys(d.goals).forEach(function (year, i) {
      var flat = [];
      for (var k = 0; k < n; k++) flat.push(d.goals[year]);
      datasets.push({ label: d.names.goal.replace("%(y)s", year), data: flat, borderColor: "#1b5e20",
        borderDash: dashes[i % 2], borderWidth: 1.5, pointRadius: 0 });
    });
    var max = d.unit === "%" ? 100 : undefined;
    new Chart(canvas, {
      type: "line",
      data: { labels: d.labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { ticks: { autoSkip: true, maxRotation: 0, font: { size: 11 } } },
          y: { suggestedMin: 0, max: max, ticks: { font: { size: 11 } },
               title: { display: true, text: d.unit } },
        },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 },
            filter: function (item) { return item.text !== d.names.low && item.text !== d.names.high; } } },
        },
      },
    });
  }
  function start() {
    var canvases = document.querySelectorAll("canvas[data-chart]");
    for (var i = 0; i < canvases.length; i++) draw(canvases[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
