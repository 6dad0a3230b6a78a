/* /anomalies: the anomaly report (every metric and service) with filters kept in the URL. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { api, el, clear, query } = L;
  const RANK = { low: 0, medium: 1, high: 2, critical: 3 };
  const form = document.getElementById('anomaly-filters');
  const body = document.getElementById('anomaly-body');
  const errorBox = document.getElementById('anomalies-error');
  const fields = ['window_minutes', 'service', 'method', 'metric', 'severity', 'date_to'];

  function readUrl() {
    const p = new URLSearchParams(location.search);
    for (const name of fields) if (p.get(name) !== null) form.elements[name].value = p.get(name);
  }
  function values() {
    const out = {};
    for (const name of fields) out[name] = form.elements[name].value;
    return out;
  }

  async function loadServices() {
    const res = await api('GET', '/api/autocomplete/values?' + query({ field: 'service', q: '' })).catch(() => null);
    const select = form.elements.service;
    for (const v of (res && res.values) || []) select.append(el('option', { text: v, attrs: { value: v } }));
  }

  function render(report, f) {
    const shown = report.anomalies.filter((a) => (!f.metric || a.metric_name === f.metric) && RANK[a.severity] >= RANK[f.severity || 'low']);
    document.getElementById('anomaly-period').textContent = L.fmtTime(report.period_start) + ' – ' + L.fmtTime(report.period_end) + ' · ' + shown.length + ' of ' + report.total_anomalies;
    const cards = clear(document.getElementById('severity-cards'));
    for (const [sev, n] of Object.entries(report.anomalies_by_severity)) {
      cards.append(el('div', { className: 'card sev-' + sev }, el('div', { className: 'label', text: sev }), el('div', { className: 'value', text: L.fmtNumber(n) })));
    }
    clear(body);
    if (shown.length === 0) body.append(el('tr', {}, el('td', { className: 'empty', text: 'No anomalies match.', attrs: { colspan: 11 } })));
    for (const a of shown) {
      const minutes = Math.round((Date.parse(a.ended_at) - Date.parse(a.detected_at)) / 60000);
      body.append(el('tr', { dataset: { severity: a.severity, metric: a.metric_name } },
        el('td', { text: L.fmtTime(a.detected_at) }),
        el('td', { text: a.service || 'all services' }),
        el('td', { text: a.metric_name }),
        el('td', { text: a.anomaly_type }),
        el('td', {}, el('span', { className: 'badge sev-badge sev-' + a.severity, text: a.severity })),
        el('td', { className: 'num', text: String(a.actual_value) }),
        el('td', { className: 'num', text: String(a.expected_value) }),
        el('td', { className: 'num', text: a.deviation_percent === null ? '–' : a.deviation_percent + ' %' }),
        el('td', { text: String(minutes) }),
        el('td', { text: a.method }),
        el('td', {}, el('a', { href: window.LognestAnomalies.searchHref(a), text: 'Search' }))));
    }
    document.body.dataset.loaded = 'true';
  }

  async function load() {
    const f = values();
    errorBox.hidden = true;
    try {
      const report = await api('GET', '/api/anomaly/report?' + query({ window_minutes: f.window_minutes, service: f.service, method: f.method, date_to: f.date_to }));
      render(report, f);
    } catch (err) {
      errorBox.textContent = err.message;
      errorBox.hidden = false;
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    history.replaceState(null, '', '?' + query(values()));
    load();
  });
  readUrl();
  loadServices().finally(() => { readUrl(); load(); });
})();
