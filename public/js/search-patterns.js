/* Patterns tab (Datadog's log patterns, Kibana's categories): the records of the current search
 * grouped by the pattern id each got at ingest (GET /api/patterns with the search), largest
 * first, with count, share, a trend over the range, levels and a sample. "Show only" and
 * "Exclude" edit the query (pattern_id:<id>, -pattern_id:<id>). Templates and samples are log
 * content: written as text, never as HTML. The tab lives in the URL (`view=patterns`). */
(function () {
  'use strict';
  const L = window.Lognest;
  const S = window.LognestSearch;
  const { el, clear, fmtNumber } = L;
  let seq = 0;

  function trendCanvas(p) {
    const canvas = el('canvas', { className: 'sparkline', attrs: { width: 120, height: 24, role: 'img', 'aria-label': 'Records of this pattern over the range' } });
    const ctx = canvas.getContext && canvas.getContext('2d');
    const values = p.trend || [];
    if (!ctx || values.length === 0) return canvas;
    const hi = Math.max(1, ...values);
    const w = 120 / values.length;
    ctx.fillStyle = L.cssVar('--accent') || '#2563eb';
    values.forEach((v, i) => { const h = v ? Math.max(1, (v / hi) * 22) : 0; ctx.fillRect(i * w, 24 - h, Math.max(1, w - 1), h); });
    return canvas;
  }

  function levels(p) {
    return el('span', { className: 'pattern-levels' }, Object.entries(p.levels || {})
      .sort((a, b) => b[1] - a[1])
      .map(([level, n]) => el('span', { className: 'badge lvl-' + level, text: level + ' ' + fmtNumber(n), title: fmtNumber(n) + ' at ' + level })));
  }

  function row(p) {
    const share = Math.round(p.share * 1000) / 10;
    return el('tr', { dataset: { patternId: p.pattern_id } },
      el('td', { className: 'num', text: fmtNumber(p.count) }),
      el('td', { className: 'num', text: share + ' %' }),
      el('td', null, trendCanvas(p)),
      el('td', { className: 'pattern-text' },
        el('code', { className: 'pattern-template', text: p.template || p.pattern_id }),
        p.new ? el('span', { className: 'badge badge-new', text: 'new', title: 'First seen ' + L.fmtTime(p.first_seen) + ', inside this range' }) : null,
        el('div', { className: 'muted small pattern-sample', text: p.sample, title: 'A line of this pattern' })),
      el('td', null, levels(p), el('div', { className: 'muted small', text: p.service || '' })),
      el('td', { className: 'pattern-actions' },
        el('button', { type: 'button', className: 'btn btn-small', text: 'Show only', attrs: { 'aria-label': 'Show only records of this pattern' },
          on: { click: () => { S.state.view = 'logs'; S.addFilter('pattern_id', p.pattern_id, 'for'); } } }),
        el('button', { type: 'button', className: 'btn btn-small', text: 'Exclude', attrs: { 'aria-label': 'Exclude records of this pattern' },
          on: { click: () => S.addFilter('pattern_id', p.pattern_id, 'out') } })));
  }

  async function load() {
    const mine = ++seq;
    const body = clear(document.getElementById('patterns-body'));
    const info = document.getElementById('patterns-info');
    body.append(el('tr', null, el('td', { attrs: { colspan: 6 }, className: 'empty', text: 'Grouping…' })));
    try {
      const filters = S.apiFilters();
      delete filters.sort;
      const data = await L.api('GET', '/api/patterns?' + L.query({ ...filters, limit: 100 }));
      if (mine !== seq) return;
      clear(body);
      if (data.patterns.length === 0) body.append(el('tr', null, el('td', { attrs: { colspan: 6 }, className: 'empty', text: 'No patterns: no record matches.' })));
      for (const p of data.patterns) body.append(row(p));
      info.textContent = fmtNumber(data.patterns.length) + ' patterns in ' + fmtNumber(data.total) + ' records'
        + (data.unassigned ? ' · ' + fmtNumber(data.unassigned) + ' stored before patterns were given' : '');
    } catch (err) {
      if (mine !== seq) return;
      clear(body).append(el('tr', null, el('td', { attrs: { colspan: 6 }, className: 'empty', text: 'Patterns unavailable: ' + L.errorText(err) })));
      info.textContent = '';
    }
  }

  function show() {
    // The log table and its pager step aside by CSS (body[data-view]), untouched by this script.
    document.body.dataset.view = S.state.view;
    document.getElementById('patterns-view').hidden = S.state.view !== 'patterns';
    for (const tab of document.querySelectorAll('#result-actions [role=tab]')) {
      const on = tab.dataset.view === S.state.view;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
    }
  }

  function tab(view, text) {
    return el('button', { type: 'button', className: 'search-tab', text, dataset: { view }, attrs: { role: 'tab', 'aria-controls': view === 'patterns' ? 'patterns-view' : 'search-layout' },
      on: { click: () => {
        if (S.state.view === view) return;
        S.state.view = view;
        S.writeUrl(true);
        show();
        if (view === 'patterns') load();
      } } });
  }

  L.onReady(() => {
    // In the result bar's line: a row of its own would cost the log table rows.
    const tabs = el('span', { className: 'search-tabs', attrs: { role: 'tablist', 'aria-label': 'Views of the results' } }, tab('logs', 'Logs'), tab('patterns', 'Patterns'));
    document.getElementById('result-actions').prepend(tabs);
    S.on('search', () => { show(); if (S.state.view === 'patterns') load(); });
  });
})();
