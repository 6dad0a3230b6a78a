/* The Live page's detail panel: search's panel (the record-detail partial) without search's
 * state. Each field value has search's filter for / filter out / exists actions, which edit the
 * live query through `onFilter(clause)`; copy link and single record point to a search with the
 * record open. Record content is untrusted: it reaches the DOM through textContent and
 * attributes only (Lognest.el), never innerHTML. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { api, el, clear } = L;
  const $ = (id) => document.getElementById(id);

  function recordLink(record) {
    return location.origin + '/search?' + L.query({ q: 'id:"' + record.id + '"', range: 'all', open: record.id });
  }

  /**
   * The detail panel (#detail inside `layout`) for rows in `rows`; `onFilter(clause)` gets the
   * query clause of a value action. Returns {open(record, row), close(), isOpen()}.
   */
  function detailPanel(options) {
    const layout = options.layout;
    const rowsRoot = options.rows;
    const panel = $('detail');
    let current = null;
    let around = { before: 10, after: 10 };

    function valueActions(field, value) {
      const button = (text, label, mode) => el('button', {
        type: 'button', className: 'btn-icon', text, title: label,
        attrs: { 'aria-label': label + ': ' + field },
        on: { click: () => options.onFilter(L.filterClause(field, value, mode)) },
      });
      return el('span', { className: 'value-actions' },
        button('+', 'Filter for this value', 'for'), button('−', 'Filter out this value', 'out'), button('∃', 'Only records that have this field', 'exists'));
    }
    function fields(record) {
      const dl = clear($('detail-fields'));
      const entries = Object.entries(record).filter(([k, v]) => k !== 'fields' && k !== 'message' && v !== null && v !== '' && !(Array.isArray(v) && !v.length));
      for (const [k, v] of Object.entries(record.fields || {})) entries.push(['fields.' + k, v]);
      for (const [k, v] of entries) {
        const value = typeof v === 'object' ? JSON.stringify(v) : String(v);
        dl.append(el('dt', { text: k }), el('dd', null, el('span', { className: 'dd-value', text: value }), valueActions(k.startsWith('fields.') ? k.slice(7) : k, value)));
      }
    }
    async function loadContext(record) {
      const ctx = clear($('detail-context'));
      ctx.append(el('li', { className: 'muted', text: 'Loading…' }));
      try {
        const data = await api('GET', '/api/logs/' + encodeURIComponent(record.id) + '/context?' + L.query({ ...around, same: $('context-scope').value }));
        if (!current || current.id !== record.id) return;
        clear(ctx);
        const line = (r, isCurrent) => el('li', { className: isCurrent ? 'current' : '', attrs: isCurrent ? { 'aria-current': 'true' } : {} },
          el('span', { className: 't', text: L.fmtTime(r['@timestamp']) }), L.levelBadge(r.level),
          el('span', { className: 'ctx-msg', text: (r.service ? '[' + r.service + '] ' : '') + r.message }));
        for (const r of data.before) ctx.append(line(r, false));
        ctx.append(line(data.record, true));
        for (const r of data.after) ctx.append(line(r, false));
        $('context-earlier').disabled = data.before.length < around.before;
        $('context-later').disabled = data.after.length < around.after;
      } catch (err) {
        clear(ctx).append(el('li', { className: 'muted', text: 'Could not load surrounding logs: ' + L.errorText(err) }));
      }
    }
    function open(record, row) {
      current = record;
      around = { before: 10, after: 10 };
      rowsRoot.querySelectorAll('tr[aria-selected="true"]').forEach((r) => r.setAttribute('aria-selected', 'false'));
      if (row) row.setAttribute('aria-selected', 'true');
      layout.classList.add('with-detail');
      panel.hidden = false;
      $('detail-title').textContent = record.level + ' · ' + L.fmtTime(record['@timestamp']);
      $('detail-message').textContent = record.message;
      const trace = $('detail-trace');
      trace.hidden = !record.correlation_id;
      if (record.correlation_id) trace.setAttribute('href', '/trace/' + encodeURIComponent(record.correlation_id));
      $('detail-link').setAttribute('href', recordLink(record));
      fields(record);
      $('detail-raw').textContent = JSON.stringify(record, null, 2);
      loadContext(record);
    }
    function close() {
      current = null;
      panel.hidden = true;
      layout.classList.remove('with-detail');
      const row = rowsRoot.querySelector('tr[aria-selected="true"]');
      if (row) { row.setAttribute('aria-selected', 'false'); row.focus(); }
    }
    $('detail-close').addEventListener('click', close);
    $('detail-copy').title = 'Copy a link to a search with this record open';
    $('detail-copy').addEventListener('click', async () => {
      if (!current) return;
      const link = recordLink(current);
      try { await navigator.clipboard.writeText(link); L.toast('Link copied'); } catch (_) { window.prompt('Copy this link', link); }
    });
    $('context-earlier').addEventListener('click', () => { around.before += 20; if (current) loadContext(current); });
    $('context-later').addEventListener('click', () => { around.after += 20; if (current) loadContext(current); });
    $('context-scope').addEventListener('change', () => { around = { before: 10, after: 10 }; if (current) loadContext(current); });
    return { open, close, isOpen: () => !panel.hidden };
  }

  L.detailPanel = detailPanel;
})();
