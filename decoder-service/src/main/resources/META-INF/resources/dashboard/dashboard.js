// The live dashboard: one EventSource on /dashboard/stream, one JSON snapshot per tick, drawn with Chart.js.
// window.w2eDashboard tells a headless check how much data the charts show (bin/w2e dashboard-check).
(function () {
  'use strict';
  const PIPELINE = ['equations', 'networks', 'examples', 'predictions'];
  const COLORS = ['#2563eb', '#16a34a', '#9333ea', '#ea580c', '#dc2626'];
  const PREDICTIONS = 12;
  const state = { snapshots: 0, predictionCharts: [] };

  Chart.defaults.animation = false;
  Chart.defaults.font.size = 11;

  function lineChart(canvas, datasets, scales, title) {
    return new Chart(canvas, {
      type: 'line',
      data: { datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
        elements: { point: { radius: 0 }, line: { borderWidth: 2 } },
        scales: scales,
        plugins: { legend: { labels: { boxWidth: 12 } }, title: title || { display: false } }
      }
    });
  }

  const rates = lineChart(document.getElementById('rates'),
    PIPELINE.concat(['dead letters (all .dlq)']).map((name, i) => ({ label: name, data: [], borderColor: COLORS[i] })),
    { x: { type: 'linear', title: { display: true, text: 'seconds ago' } },
      y: { type: 'linear', beginAtZero: true, title: { display: true, text: 'records/s' } } });

  const training = lineChart(document.getElementById('training'), [
    { label: 'training loss (mean of the last 100 steps)', data: [], borderColor: COLORS[0], yAxisID: 'loss' },
    { label: 'validation exact match', data: [], borderColor: COLORS[1], yAxisID: 'exact', pointRadius: 3 },
    { label: 'validation token accuracy', data: [], borderColor: COLORS[2], yAxisID: 'exact', pointRadius: 3 }
  ], {
    x: { type: 'linear', title: { display: true, text: 'optimiser step' } },
    loss: { type: 'linear', position: 'left', beginAtZero: true, title: { display: true, text: 'loss' } },
    exact: { type: 'linear', position: 'right', min: 0, max: 1, grid: { drawOnChartArea: false },
             title: { display: true, text: 'validation' } }
  });

  function fmt(value, digits) {
    return value === null || value === undefined ? '–' : Number(value).toFixed(digits);
  }

  function fillTable(id, rows) {
    const body = document.querySelector('#' + id + ' tbody');
    body.replaceChildren(...rows.map(cells => {
      const tr = document.createElement('tr');
      cells.forEach(c => { const td = document.createElement('td'); td.textContent = c; tr.appendChild(td); });
      return tr;
    }));
  }

  function renderRates(s) {
    const series = rates.data.datasets;
    series.forEach(d => { d.data = []; });
    s.rateHistory.forEach(point => {
      const x = (point.timeMillis - s.timeMillis) / 1000;
      let dead = 0;
      Object.entries(point.recordsPerSecond).forEach(([topic, r]) => {
        const i = PIPELINE.indexOf(topic);
        if (i >= 0) { series[i].data.push({ x: x, y: r }); } else { dead += r; }
      });
      series[PIPELINE.length].data.push({ x: x, y: dead });
    });
    rates.update();
    fillTable('stages', s.stages.map(st => [st.topic, st.endOffset === null ? 'absent' : st.endOffset,
      fmt(st.recordsPerSecond, 1)]));
    fillTable('lags', s.lags.map(l => [l.group, l.topic, l.lag === null ? '–' : l.lag]));
    const c = s.convergence;
    document.getElementById('convergence').innerHTML = c.fraction === null ? '– <small>no examples consumed yet</small>'
      : (100 * c.fraction).toFixed(1) + ' % <small>' + c.converged + ' of ' + c.examples
        + ' networks met the quality target (examples the decoder consumed)</small>';
  }

  function renderTraining(t) {
    const [loss, exact, tokens] = training.data.datasets;
    loss.data = t.loss.map(p => ({ x: p.step, y: p.loss }));
    exact.data = t.validation.filter(v => v.exactMatch !== null).map(v => ({ x: v.step, y: v.exactMatch }));
    tokens.data = t.validation.filter(v => v.tokenAccuracy !== null).map(v => ({ x: v.step, y: v.tokenAccuracy }));
    training.update();
  }

  function predictionChart(cell) {
    const canvas = document.createElement('canvas');
    cell.appendChild(canvas);
    return lineChart(canvas, [
      // the truth wide and pale underneath, the prediction thin on top: an exact match shows as a line in a band
      { label: 'predicted', data: [], borderColor: COLORS[0], order: 1 },
      { label: 'ground truth', data: [], borderColor: 'rgba(234, 88, 12, 0.45)', borderWidth: 7, order: 2 }
    ], { x: { type: 'linear', min: -1, max: 1 }, y: { type: 'linear' } }, { display: true, text: '' });
  }

  function renderPredictions(s) {
    const grid = document.getElementById('predictions');
    if (s.predictions.length === 0) {
      return;
    }
    grid.querySelector('.empty')?.remove();
    while (state.predictionCharts.length < s.predictions.length) {
      const cell = document.createElement('div');
      cell.className = 'cell';
      grid.appendChild(cell);
      state.predictionCharts.push(predictionChart(cell));
    }
    // newest first
    s.predictions.slice().reverse().forEach((p, i) => {
      const chart = state.predictionCharts[i];
      const [predicted, truth] = chart.data.datasets;
      predicted.label = 'predicted (' + p.method + ')';
      predicted.data = p.predictedY === null ? [] : s.curveX.map((x, k) => ({ x: x, y: p.predictedY[k] }));
      truth.label = p.truthSource === 'equation' ? 'ground truth: the equation' : "ground truth: the network's function";
      truth.data = s.curveX.map((x, k) => ({ x: x, y: p.truthY[k] }));
      chart.options.plugins.title.text = [p.id, 'predicted ' + p.predicted
        + (p.truthEquation ? '  ·  truth ' + p.truthEquation : '')];
      chart.update();
    });
  }

  function render(s) {
    state.snapshots++;
    const status = document.getElementById('status');
    status.textContent = 'updated ' + new Date(s.timeMillis).toLocaleTimeString() + ' · step ' + s.training.steps
      + (s.kafkaError ? ' · ' + s.kafkaError : '');
    status.className = s.kafkaError ? 'error' : '';
    renderRates(s);
    renderTraining(s.training);
    renderPredictions(s);
  }

  function points(chart) {
    return chart.data.datasets.reduce((n, d) => n + d.data.length, 0);
  }

  window.w2eDashboard = {
    snapshots: () => state.snapshots,
    // what a check waits for: points of the training chart and of the prediction curves (the rate chart has
    // points, zeros, as soon as two samples were read, so it does not count)
    dataPoints: () => points(training) + state.predictionCharts.reduce((n, c) => n + points(c), 0),
    predictionCurves: () => state.predictionCharts.filter(c => points(c) > 0).length
  };

  const source = new EventSource('/dashboard/stream?interval-ms=1000&predictions=' + PREDICTIONS);
  source.onmessage = e => render(JSON.parse(e.data));
  source.onerror = () => {
    // EventSource reconnects by itself; say so on the page, not on the console
    const status = document.getElementById('status');
    status.textContent = 'stream interrupted, reconnecting…';
    status.className = 'error';
  };
}());
