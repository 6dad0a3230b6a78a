/* Trace: every record of one correlation id, oldest first, as a timeline across services. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { api, el, fmtNumber } = L;
  const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#0891b2', '#db2777', '#65a30d', '#dc2626'];

  L.onReady(async () => {
    const id = document.getElementById('trace-id').dataset.correlationId;
    const q = 'correlation_id:"' + id.replace(/(["\\])/g, '\\$1') + '"';
    document.getElementById('trace-search').setAttribute('href', '/search?' + L.query({ q, range: 'all', sort: 'asc' }));
    let data;
    try {
      data = await api('POST', '/api/search', { q, sort: 'asc', per_page: 1000 });
    } catch (err) {
      const box = document.getElementById('trace-error');
      box.textContent = 'Could not load the trace: ' + L.errorText(err);
      box.hidden = false;
      return;
    }
    const records = data.results || [];
    const timeline = document.getElementById('timeline');
    document.getElementById('trace-empty').hidden = records.length > 0;
    if (!records.length) { document.body.dataset.loaded = 'true'; return; }
    const start = Date.parse(records[0]['@timestamp']);
    const end = Math.max(...records.map((r) => Date.parse(r['@timestamp']) + (Number(r.response_time_ms) || 0)));
    const span = Math.max(1, end - start);
    const services = [...new Set(records.map((r) => r.service || '(none)'))];
    const colour = (s) => PALETTE[services.indexOf(s) % PALETTE.length];
    document.getElementById('trace-count').textContent = fmtNumber(records.length) + (data.total > records.length ? ' of ' + fmtNumber(data.total) : '');
    document.getElementById('trace-services').textContent = fmtNumber(services.length);
    document.getElementById('trace-duration').textContent = L.fmtDuration(end - start);
    document.getElementById('trace-errors').textContent = fmtNumber(records.filter((r) => r.level === 'ERROR' || r.level === 'CRITICAL').length);

    for (const r of records) {
      const offset = Date.parse(r['@timestamp']) - start;
      const service = r.service || '(none)';
      const swatch = el('span', { className: 'svc-swatch', attrs: { 'aria-hidden': 'true' } });
      swatch.style.background = colour(service);
      const bar = el('span', { className: 'bar lvl-bg-' + r.level, title: (r.response_time_ms ? r.response_time_ms + ' ms' : 'instant') });
      bar.style.left = (offset / span) * 100 + '%';
      bar.style.width = ((Number(r.response_time_ms) || 0) / span) * 100 + '%';
      if (!['ERROR', 'CRITICAL', 'WARNING'].includes(r.level)) bar.style.background = colour(service);
      const detail = [r.method, r.endpoint, r.status_code, r.response_time_ms !== null && r.response_time_ms !== undefined ? r.response_time_ms + ' ms' : null].filter((x) => x !== null && x !== undefined).join(' ');
      const link = '/search?' + L.query({ q, range: 'all', sort: 'asc', open: r.id });
      timeline.append(
        el('div', { className: 'mono', text: '+' + L.fmtDuration(offset) }),
        el('div', { className: 'nowrap' }, swatch, service),
        el('div', null, L.levelBadge(r.level)),
        el('div', { className: 'msg' }, el('a', { href: link, text: r.message }), detail && !String(r.message).includes(String(r.endpoint)) ? el('div', { className: 'muted', text: detail }) : null),
        el('div', { className: 'lane' }, bar));
    }
    document.body.dataset.loaded = 'true';
  });
})();
