/* The Live page's detail panel: the same parts as search's (message, fields, surrounding
 * logs, raw JSON, trace link), without search's filter state; a field value links to a search
 * for it. Record content is untrusted: it reaches the DOM through textContent and attributes
 * only (Lognest.el), never innerHTML. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { api, el, clear } = L;

  /**
   * The detail panel (#detail inside `layout`): message, fields (each a link to a search for
   * that value, from `searchHref(name, value)`), surrounding logs, raw JSON.
   * Returns {open(record, row), close(), isOpen()}.
   */
  function detailPanel(options) {
    const layout = options.layout;
    const rowsRoot = options.rows;
    const panel = document.getElementById('detail');
    let selectedId = null;
    async function open(record, row) {
      selectedId = record.id;
      rowsRoot.querySelectorAll('tr[aria-selected="true"]').forEach((r) => r.setAttribute('aria-selected', 'false'));
      if (row) row.setAttribute('aria-selected', 'true');
      layout.classList.add('with-detail');
      panel.hidden = false;
      document.getElementById('detail-title').textContent = record.level + ' · ' + L.fmtTime(record['@timestamp']);
      document.getElementById('detail-message').textContent = record.message;
      const trace = document.getElementById('detail-trace');
      trace.hidden = !record.correlation_id;
      if (record.correlation_id) trace.setAttribute('href', '/trace/' + encodeURIComponent(record.correlation_id));
      const dl = clear(document.getElementById('detail-fields'));
      const entries = Object.entries(record).filter(([k, v]) => k !== 'fields' && k !== 'message' && v !== null && v !== '' && !(Array.isArray(v) && !v.length));
      for (const [k, v] of Object.entries(record.fields || {})) entries.push(['fields.' + k, v]);
      for (const [k, v] of entries) {
        const value = typeof v === 'object' ? JSON.stringify(v) : String(v);
        const name = k.startsWith('fields.') ? k.slice(7) : k;
        dl.append(el('dt', { text: k }), el('dd', null, el('a', {
          href: options.searchHref(name + ':"' + value.replace(/(["\\])/g, '\\$1') + '"'),
          text: value, title: 'Search for ' + name + ' = this value',
        })));
      }
      document.getElementById('detail-raw').textContent = JSON.stringify(record, null, 2);
      const ctx = clear(document.getElementById('detail-context'));
      ctx.append(el('li', { className: 'muted', text: 'Loading…' }));
      try {
        const around = await api('GET', '/api/logs/' + encodeURIComponent(record.id) + '/context?before=10&after=10');
        if (selectedId !== record.id) return;
        clear(ctx);
        const line = (r, current) => el('li', { className: current ? 'current' : '', attrs: current ? { 'aria-current': 'true' } : {} },
          el('span', { className: 't', text: L.fmtTime(r['@timestamp']).slice(11) }), L.levelBadge(r.level), el('span', { text: (r.service ? '[' + r.service + '] ' : '') + r.message }));
        for (const r of around.before) ctx.append(line(r, false));
        ctx.append(line(around.record, true));
        for (const r of around.after) ctx.append(line(r, false));
      } catch (err) {
        clear(ctx).append(el('li', { className: 'muted', text: 'Could not load surrounding logs: ' + L.errorText(err) }));
      }
    }
    function close() {
      selectedId = null;
      panel.hidden = true;
      layout.classList.remove('with-detail');
      const row = rowsRoot.querySelector('tr[aria-selected="true"]');
      if (row) { row.setAttribute('aria-selected', 'false'); row.focus(); }
    }
    document.getElementById('detail-close').addEventListener('click', close);
    return { open, close, isOpen: () => !panel.hidden, selectedId: () => selectedId };
  }

  L.detailPanel = detailPanel;
})();
