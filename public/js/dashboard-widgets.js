/* Draws one custom-dashboard widget from its /api/dashboards data: chart.js for the charts, DOM
 * for numbers and tables. Log content only reaches the page as text (Lognest.el), never as HTML. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { el, clear, fmtNumber } = L;
  const charts = new WeakMap();
  const STAT_NAMES = { count: 'count', error_rate: 'error rate', avg: 'average', p95: 'p95', max: 'max', unique_count: 'distinct' };

  function timeLabel(iso, intervalMs, spanMs) {
    const s = new Date(iso).toISOString();
    if (intervalMs >= 86400000) return s.slice(5, 10);
    const clock = intervalMs < 60000 ? s.slice(11, 19) : s.slice(11, 16);
    return spanMs > 86400000 ? s.slice(5, 10) + ' ' + clock : clock;
  }
  const spanOf = (data) => Date.parse(data.window.to) - Date.parse(data.window.from);

  function axisOptions(extra) {
    const text = L.cssVar('--muted');
    const grid = L.cssVar('--border');
    return Object.assign({
      responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { display: false, labels: { color: text, boxWidth: 10 } }, tooltip: { mode: 'index', intersect: false } },
      scales: {
        x: { stacked: false, ticks: { color: text, maxRotation: 0, autoSkipPadding: 12 }, grid: { display: false } },
        y: { beginAtZero: true, ticks: { color: text }, grid: { color: grid } },
      },
    }, extra || {});
  }

  /** Keeps one chart per box: swaps its data on refresh instead of drawing a new one. */
  function chart(box, type, labels, datasets, options) {
    let canvas = box.querySelector('canvas');
    const existing = canvas && charts.get(canvas);
    if (existing && existing.config.type === type) {
      existing.data.labels = labels;
      existing.data.datasets = datasets;
      existing.options = options;
      existing.update('none');
      return existing;
    }
    if (existing) existing.destroy();
    clear(box);
    canvas = el('canvas', { attrs: { role: 'img', 'aria-label': box.dataset.label || 'Chart' } });
    box.append(canvas);
    const made = new window.Chart(canvas, { type, data: { labels, datasets }, options });
    charts.set(canvas, made);
    return made;
  }

  /** Clicking a bar or slice opens its records on the search page (`open` comes from the page). */
  function clickable(options, pick) {
    if (!currentOpen) return options;
    const open = currentOpen;
    options.onClick = (_event, elements) => { if (elements.length) open(pick(elements[0].index)); };
    options.onHover = (event, elements) => { event.native.target.style.cursor = elements.length ? 'pointer' : ''; };
    return options;
  }
  let currentOpen = null;

  function countOverTime(box, data) {
    const labels = data.buckets.map((b) => timeLabel(b.time, data.interval_ms, spanOf(data)));
    const levels = L.LEVELS.filter((lvl) => data.buckets.some((b) => b.counts[lvl]));
    const datasets = levels.map((lvl) => ({ label: lvl, data: data.buckets.map((b) => b.counts[lvl] || 0), backgroundColor: L.levelColor(lvl), stack: 'levels', borderRadius: 1 }));
    const options = axisOptions();
    options.plugins.legend.display = levels.length > 1;
    options.scales.x.stacked = true;
    options.scales.y.stacked = true;
    options.scales.y.ticks.precision = 0;
    clickable(options, (i) => {
      const start = Date.parse(data.buckets[i].time);
      return { from: new Date(start).toISOString(), to: new Date(start + data.interval_ms - 1).toISOString() };
    });
    chart(box, 'bar', labels, datasets, options);
    box.dataset.points = String(data.buckets.reduce((n, b) => n + b.total, 0));
  }

  function fieldOverTime(box, data) {
    const labels = data.points.map((p) => timeLabel(p.time, data.interval_ms, spanOf(data)));
    const accent = L.cssVar('--accent');
    chart(box, 'line', labels, [{ label: STAT_NAMES[data.stat] + ' ' + data.field, data: data.points.map((p) => p.value), borderColor: accent, backgroundColor: accent, spanGaps: false, pointRadius: 2, tension: 0.2 }], axisOptions());
    box.dataset.points = String(data.points.filter((p) => p.value !== null).length);
  }

  function topValues(box, data) {
    const accent = L.cssVar('--accent');
    const options = axisOptions({ indexAxis: 'y' });
    options.scales.x = { beginAtZero: true, ticks: { color: L.cssVar('--muted'), precision: 0 }, grid: { color: L.cssVar('--border') } };
    options.scales.y = { ticks: { color: L.cssVar('--muted'), font: { family: 'monospace' } }, grid: { display: false } };
    clickable(options, (i) => ({ field: data.field, value: data.values[i].value }));
    chart(box, 'bar', data.values.map((v) => v.value), [{ label: 'Records', data: data.values.map((v) => v.count), backgroundColor: accent, borderRadius: 2, maxBarThickness: 28 }], options);
    box.dataset.points = String(data.values.length);
  }

  const PALETTE = ['--accent', '--ok', '--warn', '--err', '--crit', '--info', '--debug'];
  function pie(box, data) {
    const values = data.values.slice();
    if (data.other) values.push({ value: 'other', count: data.other });
    const colors = values.map((v, i) => (data.field === 'level' && L.LEVELS.includes(v.value) ? L.levelColor(v.value) : L.cssVar(PALETTE[i % PALETTE.length])));
    const options = { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'right', labels: { color: L.cssVar('--muted'), boxWidth: 10 } } } };
    clickable(options, (i) => (i < data.values.length ? { field: data.field, value: data.values[i].value } : {}));
    chart(box, 'doughnut', values.map((v) => v.value), [{ data: values.map((v) => v.count), backgroundColor: colors, borderWidth: 0 }], options);
    box.dataset.points = String(values.length);
  }

  function formatValue(stat, value) {
    if (value === null || value === undefined) return '–';
    if (stat === 'error_rate') return (Math.round(value * 100) / 100) + ' %';
    if (stat === 'count' || stat === 'unique_count') return fmtNumber(value);
    return fmtNumber(Math.round(value * 10) / 10);
  }

  function number(box, data) {
    clear(box);
    const trend = el('div', { className: 'stat-trend muted' });
    if (data.previous !== null && data.value !== null) {
      const delta = data.value - data.previous;
      const pct = data.previous === 0 ? null : Math.round((delta / data.previous) * 100);
      trend.textContent = (delta > 0 ? '▲ ' : delta < 0 ? '▼ ' : '= ') + (pct === null ? formatValue(data.stat, Math.abs(delta)) : Math.abs(pct) + ' %') + ' vs the period before';
      trend.classList.add(delta > 0 ? 'trend-up' : delta < 0 ? 'trend-down' : 'trend-flat');
    }
    box.append(el('div', { className: 'stat-value', text: formatValue(data.stat, data.value) }),
      el('div', { className: 'muted', text: STAT_NAMES[data.stat] + (data.field ? ' of ' + data.field : '') + (data.stat !== 'count' ? ' · ' + fmtNumber(data.count) + ' records' : '') }), trend);
    box.dataset.points = data.value === null ? '0' : '1';
  }

  function cell(record, column) {
    if (column.startsWith('fields.')) return (record.fields || {})[column.slice(7)];
    const v = record[column];
    return Array.isArray(v) ? v.join(', ') : v;
  }
  function latestRecords(box, data) {
    clear(box);
    const head = el('tr', null, data.columns.map((c) => el('th', { attrs: { scope: 'col' }, text: c })));
    const rows = data.records.map((r) => el('tr', null, data.columns.map((c) => {
      const v = cell(r, c);
      if (c === 'level') return el('td', null, L.levelBadge(v));
      if (c === '@timestamp') return el('td', { className: 'mono nowrap', text: L.fmtTime(v) });
      return el('td', { className: c === 'message' ? 'msg' : 'mono', text: v === null || v === undefined ? '' : v });
    })));
    if (!rows.length) rows.push(el('tr', null, el('td', { className: 'empty', attrs: { colspan: data.columns.length }, text: 'No records in this range' })));
    box.append(el('div', { className: 'table-wrap widget-table' }, el('table', { className: 'table-plain' }, el('thead', null, head), el('tbody', null, rows))),
      el('div', { className: 'muted small', text: fmtNumber(data.total) + ' matching records' }));
    box.dataset.points = String(data.records.length);
  }

  const DRAW = { count_over_time: countOverTime, field_over_time: fieldOverTime, top_values: topValues, pie, number, latest_records: latestRecords };

  /**
   * Draws `data` into `box` (a widget's body); an empty result says so instead of an empty chart.
   * `open({field, value} | {from, to})`, when given, is called with what a click on a bar picked.
   */
  function render(box, data, open) {
    currentOpen = open || null;
    if (data.error) {
      const canvas = box.querySelector('canvas');
      if (canvas && charts.get(canvas)) charts.get(canvas).destroy();
      showError(box, data.error);
      box.dataset.points = '0';
      return;
    }
    const empty = (data.type === 'count_over_time' && !data.buckets.some((b) => b.total))
      || (data.type === 'field_over_time' && !data.points.some((p) => p.value !== null))
      || ((data.type === 'top_values' || data.type === 'pie') && !data.values.length);
    if (empty) {
      const canvas = box.querySelector('canvas');
      if (canvas && charts.get(canvas)) charts.get(canvas).destroy();
      clear(box).append(el('p', { className: 'empty', text: 'No records in this range' }));
      box.dataset.points = '0';
      return;
    }
    DRAW[data.type](box, data);
  }

  function showError(box, message) {
    clear(box).append(el('p', { className: 'alert alert-error', attrs: { role: 'alert' }, text: message }));
  }

  window.LognestWidgets = { render, showError, STAT_NAMES };
})();
