/* Dashboard anomaly panel (seed 004): one metric with its expected band, anomalies marked in
   red and listed as cards; a click on the chart opens the search for that service and minutes. */
(function () {
  'use strict';
  const L = window.Lognest;
  const A = window.LognestAnomalies;
  const { api, el, clear, query } = L;
  const REFRESH_MS = 60000;
  const metric = document.getElementById('anomaly-metric');
  const service = document.getElementById('anomaly-service');
  const windowSelect = document.getElementById('anomaly-window');
  const canvas = document.getElementById('chart-anomaly');
  const cards = document.getElementById('anomaly-cards');
  const panel = document.getElementById('anomaly-panel');
  let chart = null;
  let last = { points: [], anomalies: [] };

  async function loadServices() {
    const values = await api('GET', '/api/autocomplete/values?' + query({ field: 'service', q: '' })).catch(() => null);
    for (const v of (values && values.values) || []) service.append(el('option', { text: v, attrs: { value: v } }));
  }

  /** The anomaly covering a minute, or a one-minute stand-in for a click on an ordinary point. */
  function anomalyAt(time) {
    const t = Date.parse(time);
    return last.anomalies.find((a) => t >= Date.parse(a.detected_at) && t < Date.parse(a.ended_at))
      || { detected_at: time, ended_at: new Date(t + 60000).toISOString(), service: service.value || null, metric_name: metric.value };
  }

  function render(data, params) {
    last = data;
    const labels = data.points.map((p) => p.time.slice(11, 16));
    const band = L.cssVar('--border');
    const datasets = [
      { label: 'upper', data: data.points.map((p) => p.upper), borderWidth: 0, pointRadius: 0, fill: '+1', backgroundColor: band },
      { label: 'lower', data: data.points.map((p) => p.lower), borderWidth: 0, pointRadius: 0, fill: false },
      { label: 'expected', data: data.points.map((p) => p.expected), borderColor: L.cssVar('--muted'), borderDash: [4, 4], borderWidth: 1, pointRadius: 0 },
      { label: 'actual', data: data.points.map((p) => p.actual), borderColor: L.cssVar('--accent') || '#3b82f6', borderWidth: 1.5, pointRadius: 0 },
      { label: 'anomaly', data: data.points.map((p) => (p.anomalous ? p.actual : null)), showLine: false, pointRadius: 5, pointBackgroundColor: '#dc3545', borderColor: '#dc3545' },
    ];
    if (chart) {
      chart.data.labels = labels;
      chart.data.datasets = datasets;
      chart.update('none');
    } else {
      chart = new window.Chart(canvas, {
        type: 'line',
        data: { labels, datasets },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          interaction: { mode: 'index', intersect: false },
          plugins: { legend: { display: false } },
          scales: { x: { ticks: { maxRotation: 0, autoSkipPadding: 16 } }, y: { beginAtZero: true } },
          onClick: (event, elements) => {
            const hit = elements && elements[0];
            if (!hit) return;
            const point = last.points[hit.index];
            if (point) location.href = A.searchHref(anomalyAt(point.time));
          },
        },
      });
    }
    clear(cards);
    if (data.anomalies.length === 0) cards.append(el('li', { className: 'muted', text: 'No anomalies in this window.' }));
    for (const a of [...data.anomalies].reverse()) cards.append(A.card(a));
    panel.dataset.loaded = 'true';
    panel.dataset.shown = params.metric + ' ' + (params.service || '*') + ' ' + params.window_minutes;
    panel.dataset.anomalies = String(data.anomalies.length);
  }

  async function refresh() {
    try {
      const params = { metric: metric.value, service: service.value, window_minutes: windowSelect.value };
      render(await api('GET', '/api/anomaly/series?' + query(params)), params);
    } catch (err) {
      clear(cards).append(el('li', { className: 'alert alert-error', text: 'Anomalies could not be loaded: ' + err.message }));
    }
  }

  for (const control of [metric, service, windowSelect]) control.addEventListener('change', refresh);
  loadServices().finally(refresh);
  setInterval(() => { if (!document.hidden) refresh(); }, REFRESH_MS);
})();
