/* The histogram above the results: the query's total, volume per bucket stacked by level, buckets
 * sized to the range (all time spans the first to the last record). Drag across it to search that
 * span; click a bar to zoom into it. */
(function () {
  'use strict';
  const L = window.Lognest;
  const S = window.LognestSearch;
  const INTERVALS = [['1s', 1e3], ['5s', 5e3], ['30s', 30e3], ['1m', 60e3], ['5m', 300e3], ['15m', 900e3], ['30m', 1800e3], ['1h', 3600e3], ['3h', 10800e3], ['12h', 43200e3], ['1d', 86400e3], ['7d', 604800e3], ['30d', 2592000e3]];
  let chart = null;
  let buckets = [];
  let bucketMs = 0;
  let seq = 0;

  function pickInterval(span) {
    for (const [name, ms] of INTERVALS) if (span / ms <= 120) return [name, ms];
    return INTERVALS[INTERVALS.length - 1];
  }

  /** The first and last record of the search, for "all time". */
  async function dataBounds(filters) {
    const edge = (sort) => L.api('POST', '/api/search', { ...filters, sort, per_page: 1, page: 1 });
    const [first, last] = await Promise.all([edge('asc'), edge('desc')]);
    if (!first.results || !first.results.length) return null;
    return { from: Date.parse(first.results[0]['@timestamp']), to: Date.parse(last.results[0]['@timestamp']) };
  }

  async function load() {
    const my = ++seq;
    const filters = S.apiFilters();
    delete filters.sort;
    let w = S.window();
    if (S.state.range === 'all') {
      const bounds = await dataBounds(filters).catch(() => null);
      if (my !== seq) return;
      w = bounds ? { from: bounds.from, to: Math.max(bounds.to, bounds.from + 60e3) } : { from: Date.now() - 86400e3, to: Date.now() };
    }
    const [interval, ms] = pickInterval(w.to - w.from);
    const params = { ...filters, date_from: new Date(w.from).toISOString(), date_to: new Date(w.to).toISOString(), interval };
    let data;
    try { data = await L.api('GET', '/api/metrics/timeseries?' + L.query(params)); } catch (_) { return; }
    if (my !== seq) return;
    buckets = data.buckets || [];
    bucketMs = ms;
    document.getElementById('histogram-info').textContent = 'per ' + interval + ' — drag across the chart to search that span, click a bar to zoom in';
    draw();
  }

  function draw() {
    const labels = buckets.map((b) => L.fmtTime(b.time, false).slice(5, 16));
    const present = L.LEVELS.filter((lvl) => buckets.some((b) => b.counts && b.counts[lvl]));
    const datasets = present.map((lvl) => ({ label: lvl, data: buckets.map((b) => (b.counts && b.counts[lvl]) || 0), backgroundColor: L.levelColor(lvl), stack: 'v', borderWidth: 0 }));
    if (chart) {
      chart.data.labels = labels;
      chart.data.datasets = datasets;
      chart.update('none');
      return;
    }
    const muted = L.cssVar('--muted');
    chart = new window.Chart(document.getElementById('histogram'), {
      type: 'bar',
      data: { labels, datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: true, position: 'right', labels: { color: muted, boxWidth: 10, font: { size: 11 } } }, tooltip: { mode: 'index', intersect: false } },
        scales: { x: { stacked: true, ticks: { color: muted, maxRotation: 0, autoSkipPadding: 16, font: { size: 11 } }, grid: { display: false } },
          y: { stacked: true, beginAtZero: true, ticks: { color: muted, precision: 0, maxTicksLimit: 4, font: { size: 11 } }, grid: { color: L.cssVar('--border') } } },
      },
    });
  }

  function clearChart() {
    seq++;
    buckets = [];
    if (chart) { chart.data.labels = []; chart.data.datasets = []; chart.update('none'); }
    document.getElementById('histogram-info').textContent = '';
    document.getElementById('histogram-total').textContent = '–';
  }

  /** The bucket index under a canvas x position (clamped to the drawn buckets). */
  function indexAt(x) {
    const scale = chart.scales.x;
    const i = Math.round(scale.getValueForPixel(x));
    return Math.max(0, Math.min(buckets.length - 1, i));
  }

  function selectSpan(a, b) {
    const first = buckets[Math.min(a, b)];
    const last = buckets[Math.max(a, b)];
    if (!first || !last) return;
    S.setWindow(Date.parse(first.time), Date.parse(last.time) + bucketMs - 1);
  }

  function bindBrush() {
    const canvas = document.getElementById('histogram');
    const box = canvas.parentElement;
    const band = L.el('div', { className: 'brush', attrs: { hidden: true, 'aria-hidden': 'true' } });
    box.append(band);
    let start = null;
    const x = (e) => e.clientX - canvas.getBoundingClientRect().left;
    canvas.addEventListener('mousedown', (e) => {
      if (!chart || !buckets.length) return;
      start = x(e);
      band.hidden = true;
    });
    window.addEventListener('mousemove', (e) => {
      if (start === null) return;
      const now = Math.max(chart.chartArea.left, Math.min(chart.chartArea.right, x(e)));
      band.hidden = Math.abs(now - start) < 4;
      band.style.left = (canvas.offsetLeft + Math.min(start, now)) + 'px';
      band.style.width = Math.abs(now - start) + 'px';
      band.style.top = (canvas.offsetTop + chart.chartArea.top) + 'px';
      band.style.height = (chart.chartArea.bottom - chart.chartArea.top) + 'px';
    });
    window.addEventListener('mouseup', (e) => {
      if (start === null) return;
      const end = x(e);
      const from = start;
      start = null;
      band.hidden = true;
      if (Math.abs(end - from) < 4) {
        // A click: zoom into the bar under it, if there is one.
        const hit = chart.getElementsAtEventForMode(e, 'index', { intersect: false }, false);
        if (hit.length) selectSpan(hit[0].index, hit[0].index);
        return;
      }
      selectSpan(indexAt(from), indexAt(end));
    });
    canvas.addEventListener('mousemove', (e) => { canvas.style.cursor = start === null && chart && chart.getElementsAtEventForMode(e, 'index', { intersect: false }, false).length ? 'zoom-in' : 'crosshair'; });
  }

  S.on('search', load);
  S.on('results', (data) => { document.getElementById('histogram-total').textContent = L.fmtNumber(data.total) + (data.total === 1 ? ' record' : ' records'); });
  S.on('error', clearChart);
  L.onReady(bindBrush);
})();
