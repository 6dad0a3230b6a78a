/* Dashboard: stat cards (seed 004's with their trends), six charts and two tables, refreshed every 30 s for the chosen range. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { api, el, clear, fmtNumber, query } = L;
  const REFRESH_MS = 30000;
  const state = { range: '24h', from: '', to: '' };
  const charts = {};
  let timer = null;
  let paused = false;

  function readUrl() {
    const p = new URLSearchParams(location.search);
    state.range = p.get('range') || '24h';
    state.from = p.get('from') || '';
    state.to = p.get('to') || '';
  }
  function writeUrl() {
    const qs = query({ range: state.range === '24h' ? '' : state.range, from: state.from, to: state.to });
    history.replaceState(null, '', qs ? '?' + qs : location.pathname);
  }
  // All time is asked for by name: without a date_from the API's windows default to 24 hours.
  const params = () => (state.range === 'all' ? { range: 'all' } : L.rangeParams(state.range, state.from, state.to));
  /** The search page for some records of the dashboard's range (a drill-down). */
  const searchFor = (filters, window) => '/search?' + query({ ...filters, ...(window
    ? { range: 'custom', from: new Date(window.from).toISOString().slice(0, 19), to: new Date(window.to - 1).toISOString().slice(0, 19) }
    : { range: state.range, from: state.range === 'custom' ? state.from : '', to: state.range === 'custom' ? state.to : '' }) });
  /** Chart options that open the search for the bar, slice or point clicked. */
  const drill = (hrefAt) => ({
    onClick: (event, elements) => { if (elements.length) { const href = hrefAt(elements[0].index, elements[0].datasetIndex); if (href) location.assign(href); } },
    onHover: (event, elements) => { event.native.target.style.cursor = elements.length ? 'pointer' : 'default'; },
  });
  const get = (path, extra) => api('GET', path + '?' + query({ ...params(), ...(extra || {}) }));

  /** The errors-per-day chart shows at least a week, however short the chosen range. */
  function errorWindow() {
    const ms = L.rangeMs(state.range);
    return ms !== null && ms < 7 * 86400000 ? { date_from: 'now-7d' } : params();
  }

  function baseOptions(extra) {
    const text = L.cssVar('--muted');
    const grid = L.cssVar('--border');
    return Object.assign({
      responsive: true, maintainAspectRatio: false, animation: false,
      // A click anywhere in a bar's column (or near a point) picks it: thin bars of all time stay clickable.
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { display: false, labels: { color: text } }, tooltip: { mode: 'index', intersect: false } },
      scales: {
        x: { ticks: { color: text, maxRotation: 0, autoSkipPadding: 12 }, grid: { color: grid, display: false } },
        y: { beginAtZero: true, ticks: { color: text, precision: 0 }, grid: { color: grid } },
      },
    }, extra || {});
  }

  /** Creates the chart once, then only swaps its data (no flicker on refresh). */
  function draw(id, type, labels, datasets, options) {
    const existing = charts[id];
    if (existing) {
      existing.data.labels = labels;
      existing.data.datasets = datasets;
      existing.update('none');
      return;
    }
    const canvas = document.getElementById(id);
    charts[id] = new window.Chart(canvas, { type, data: { labels, datasets }, options });
  }

  function setText(id, text, className) {
    const node = document.getElementById(id);
    node.textContent = text;
    if (className !== undefined) node.className = className;
  }

  function renderStats(all, ranged) {
    setText('stat-total', fmtNumber(all.total_logs));
    setText('stat-recent', fmtNumber(all.total_logs_24h));
    setText('stat-range-count', fmtNumber(ranged.total_logs) + ' in the selected range');
    setText('stat-error-rate', ranged.error_rate === null ? '–' : ranged.error_rate + ' %', 'value' + (ranged.error_rate >= 5 ? ' value-bad' : ''));
    setText('stat-avg-rt', ranged.avg_response_time === null ? '–' : fmtNumber(Math.round(ranged.avg_response_time)) + ' ms');
    setText('stat-users', fmtNumber(ranged.unique_users));
    const latest = all.latest_error;
    const holder = clear(document.getElementById('stat-latest-error'));
    if (latest) {
      holder.append(el('a', { href: '/search?' + query({ q: 'id:"' + latest.id + '"', range: 'all', open: latest.id }), text: latest.message, title: latest.message }));
      setText('stat-latest-error-sub', L.fmtAgo(latest['@timestamp']) + (latest.service ? ' · ' + latest.service : '') + (latest.endpoint ? ' · ' + latest.endpoint : ''));
    } else {
      holder.textContent = 'none';
      setText('stat-latest-error-sub', '');
    }

    const slow = clear(document.getElementById('slowest-body'));
    if (!ranged.top_slowest_endpoints.length) slow.append(el('tr', null, el('td', { className: 'empty', attrs: { colspan: 3 }, text: 'No requests in this range' })));
    for (const e of ranged.top_slowest_endpoints) {
      slow.append(el('tr', null,
        el('td', { className: 'mono' }, el('a', { href: searchFor({ q: e.query }), text: e.endpoint, title: e.paths > 1 ? fmtNumber(e.paths) + ' paths' : e.endpoint })),
        el('td', { className: 'num', text: fmtNumber(e.avg_response_time) }),
        el('td', { className: 'num', text: fmtNumber(e.count) })));
    }

    const sys = clear(document.getElementById('system-body'));
    const components = Array.isArray(ranged.system_status) ? ranged.system_status
      : Object.entries(ranged.system_status || {}).map(([name, v]) => (typeof v === 'object' && v ? { name, ...v } : { name, status: v }));
    for (const c of components) {
      // Components report `true`/`false` (or a word): true is healthy, false failing.
      const status = c.status === true ? 'healthy' : c.status === false ? 'failing' : String(c.status || 'unknown');
      const dot = /^(ok|up|healthy|connected)$/i.test(status) ? 'ok' : /degraded|warn/i.test(status) ? 'degraded' : 'bad';
      const details = Object.entries(c).filter(([k]) => !['name', 'status', 'component'].includes(k)).map(([k, v]) => k + ': ' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(', ');
      sys.append(el('tr', null,
        el('td', { text: c.name || c.component }),
        el('td', null, el('span', { className: 'status-dot ' + dot, attrs: { 'aria-hidden': 'true' } }), status),
        el('td', { className: 'muted', text: details })));
    }
  }

  /** `▲ 12 % vs the hour before` (or ▼, or = ), from a change in percent or in percentage points. */
  function trendText(change, unit) {
    if (change === null || change === undefined) return 'none the hour before';
    const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '=';
    return arrow + ' ' + fmtNumber(Math.abs(Math.round(change * 10) / 10)) + ' ' + unit + ' vs prev. hour';
  }

  /** Seed 004's cards: logs per minute and the error rate of the last hour, with their trend. */
  function renderOverview(o) {
    setText('stat-per-minute', fmtNumber(o.logs_per_minute));
    setText('stat-per-minute-trend', trendText(o.logs_per_minute_change_percent, '%'));
    setText('stat-active-services', fmtNumber(o.active_services));
    const rate = o.error_rate_last_hour;
    setText('stat-hour-error-rate', rate === null ? '–' : rate + ' %', 'value' + (rate >= 5 ? ' value-bad' : ''));
    const change = rate === null || o.error_rate_previous_hour === null ? null : rate - o.error_rate_previous_hour;
    setText('stat-hour-error-trend', trendText(change, 'points'));
  }

  function renderServices(system) {
    const names = system.services.map((s) => s.name === null || s.name === undefined ? '(none)' : s.name);
    shown.services = system.services;
    const serviceHref = (i, dataset) => {
      const name = shown.services[i].name;
      const filter = name === null || name === undefined ? { q: 'NOT _exists_:service' } : { service: name };
      return searchFor({ ...filter, ...(dataset === 1 ? { level: 'ERROR,CRITICAL' } : {}) });
    };
    draw('chart-services', 'bar', names, [
      { label: 'Logs', data: system.services.map((s) => s.count - s.errors), backgroundColor: L.cssVar('--accent'), borderRadius: 2, stack: 's' },
      { label: 'Errors', data: system.services.map((s) => s.errors), backgroundColor: L.cssVar('--err'), borderRadius: 2, stack: 's' },
    ], baseOptions({ ...drill(serviceHref), interaction: { mode: 'nearest', intersect: true }, plugins: { legend: { display: true, labels: { color: L.cssVar('--muted'), boxWidth: 10 } }, tooltip: { mode: 'index', intersect: false } },
      scales: { x: { stacked: true, ticks: { color: L.cssVar('--muted') }, grid: { display: false } }, y: { stacked: true, beginAtZero: true, ticks: { color: L.cssVar('--muted'), precision: 0 }, grid: { color: L.cssVar('--border') } } } }));
  }

  // A chart is created once and then only gets new data: its click handlers read the latest answers here.
  const shown = {};

  function renderCharts(perHour, levels, status, endpoints, errors) {
    Object.assign(shown, { perHour, levels, status, endpoints, errors });
    const accent = L.cssVar('--accent');
    const bucketMs = () => (shown.perHour.interval === '1d' ? 86400000 : 3600000);
    document.getElementById('h-per-hour').textContent = perHour.interval === '1d' ? 'Logs per day' : 'Logs per hour';
    draw('chart-per-hour', 'bar', perHour.labels, [{ label: 'Logs', data: perHour.data, backgroundColor: accent, borderRadius: 2 }],
      baseOptions(drill((i) => searchFor({}, { from: shown.perHour.timestamps[i], to: shown.perHour.timestamps[i] + bucketMs() }))));
    const legend = { legend: { position: 'right', labels: { color: L.cssVar('--muted'), boxWidth: 10 } } };
    draw('chart-levels', 'doughnut', levels.labels, [{ data: levels.data, backgroundColor: levels.labels.map(L.levelColor), borderWidth: 0 }],
      { responsive: true, maintainAspectRatio: false, animation: false, plugins: legend, ...drill((i) => searchFor({ level: shown.levels.labels[i] })) });
    draw('chart-status', 'doughnut', status.labels, [{ data: status.data, backgroundColor: status.colors, borderWidth: 0 }],
      { responsive: true, maintainAspectRatio: false, animation: false, plugins: legend, ...drill((i) => searchFor({ status_code: shown.status.labels[i] })) });
    draw('chart-endpoints', 'bar', endpoints.labels, [{ label: 'Requests', data: endpoints.data, backgroundColor: accent, borderRadius: 2 }],
      baseOptions({ ...drill((i) => searchFor({ q: shown.endpoints.queries[i] })), indexAxis: 'y', interaction: { mode: 'index', axis: 'y', intersect: false }, scales: { x: { beginAtZero: true, ticks: { color: L.cssVar('--muted') }, grid: { color: L.cssVar('--border') } }, y: { ticks: { color: L.cssVar('--muted'), font: { family: 'monospace' } }, grid: { display: false } } } }));
    setText('endpoints-info', 'by route, learned from the paths' + (endpoints.complete ? '' : ' (the 10,000 most requested)'));
    draw('chart-error-rate', 'line', errors.labels, [{ label: 'Errors', data: errors.data, borderColor: L.cssVar('--err'), backgroundColor: L.cssVar('--err'), tension: 0.25, fill: false, pointRadius: 3 }],
      baseOptions(drill((i) => searchFor({ level: 'ERROR,CRITICAL' }, { from: shown.errors.timestamps[i], to: shown.errors.timestamps[i] + 86400000 }))));
    setText('errors-total', fmtNumber(errors.total_errors) + ' errors');
  }

  async function refresh() {
    lastRefresh = Date.now();
    arrived = 0;
    const error = document.getElementById('dash-error');
    try {
      const [all, ranged, perHour, levels, status, endpoints, errors, overview, system] = await Promise.all([
        api('GET', '/api/stats'), get('/api/stats'), get('/api/charts/logs_per_hour'), get('/api/charts/levels'),
        get('/api/charts/status_distribution'), get('/api/charts/top_endpoints'), api('GET', '/api/charts/error_rate?' + query(errorWindow())),
        api('GET', '/api/metrics/overview'), get('/api/metrics/system'),
      ]);
      renderStats(all, ranged);
      renderOverview(overview);
      renderServices(system);
      renderCharts(perHour, levels, status, endpoints, errors);
      error.hidden = true;
      setText('updated', 'Updated ' + new Date().toLocaleTimeString());
      document.body.dataset.loaded = 'true';
    } catch (err) {
      error.textContent = 'Could not load the dashboard: ' + L.errorText(err);
      error.hidden = false;
    }
  }

  /** Polling only while the live metrics stream is down; with it, refreshLive decides. */
  function schedule() {
    clearInterval(timer);
    if (!paused && !(live && live.connected)) timer = setInterval(() => { if (!document.hidden) refresh(); }, REFRESH_MS);
  }

  // With the live metrics stream (socket.io /live, metrics_update every second), the dashboard
  // refreshes when records arrived, at most every LIVE_REFRESH_MS, instead of every 30 s blind.
  const LIVE_REFRESH_MS = 5000;
  let live = null;
  let arrived = 0;
  let lastRefresh = 0;
  function connectMetrics() {
    if (typeof window.io !== 'function') return;
    live = window.io('/live', { transports: ['websocket', 'polling'] });
    live.on('connect', schedule);
    live.on('disconnect', schedule);
    live.on('metrics_update', (m) => {
      arrived += m.logs_per_second;
      if (paused || document.hidden || arrived === 0 || Date.now() - lastRefresh < LIVE_REFRESH_MS) return;
      refresh();
    });
  }

  L.onReady(() => {
    readUrl();
    const form = document.getElementById('range-form');
    L.bindRange(form, state, (next) => { Object.assign(state, next); writeUrl(); refresh(); });
    form.addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
    const toggle = document.getElementById('refresh-toggle');
    toggle.addEventListener('click', () => {
      paused = !paused;
      toggle.setAttribute('aria-pressed', String(!paused));
      toggle.textContent = 'Auto-refresh: ' + (paused ? 'paused' : 'on');
      schedule();
    });
    document.getElementById('refresh-now').addEventListener('click', refresh);
    refresh();
    connectMetrics();
    schedule();
  });

  window.LognestDashboard = { charts };
})();
