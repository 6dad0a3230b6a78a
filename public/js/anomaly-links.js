/* Shared by the anomaly panel and the /anomalies page: an anomaly's search link and card. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { el, query } = L;

  /** UTC as the search page's datetime-local inputs take it (seconds included). */
  const local = (ms) => new Date(ms).toISOString().slice(0, 19);

  /** The search of that service (all services: none) over the anomaly's minutes. */
  function searchHref(a) {
    const from = Date.parse(a.detected_at);
    const to = Date.parse(a.ended_at || a.detected_at) - 1000;
    const q = a.metric_name === 'error_rate' ? 'level:>=ERROR' : '';
    return '/search?' + query({ q, service: a.service || '', range: 'custom', from: local(from), to: local(Math.max(from + 59000, to)) });
  }

  function card(a) {
    const sev = a.severity;
    return el('li', { className: 'anomaly-card sev-' + sev, dataset: { severity: sev, service: a.service || '' } },
      el('a', { href: searchHref(a) },
        el('span', { className: 'badge sev-badge', text: sev }), ' ',
        el('strong', { text: a.description }),
        el('span', { className: 'muted', text: ' · ' + (a.service || 'all services') + ' · ' + L.fmtTime(a.detected_at) + (a.deviation_percent === null ? '' : ' · ' + a.deviation_percent + ' %') })));
  }

  window.LognestAnomalies = { searchHref, card };
})();
