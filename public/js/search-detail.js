/* The detail panel, an overlay beside the table: the record's fields with filter for / out /
 * exists on every value, a copy-link button and a link to the single record, the surrounding
 * records (dates on every row, loading more before and after), raw JSON. The open record is in
 * the URL (`open=`); a new query closes it. */
(function () {
  'use strict';
  const L = window.Lognest;
  const S = window.LognestSearch;
  const { el, clear, api } = L;
  let current = null;
  let around = { before: 10, after: 10 };

  function recordLink(record) {
    return location.origin + '/search?' + L.query({ q: 'id:"' + record.id + '"', range: 'all', open: record.id });
  }

  function valueActions(column, value) {
    const button = (text, label, mode) => el('button', { type: 'button', className: 'btn-icon', text, title: label, attrs: { 'aria-label': label + ': ' + column }, on: { click: () => S.addFilter(column, value, mode) } });
    return el('span', { className: 'value-actions' },
      button('+', 'Filter for this value', 'for'), button('−', 'Filter out this value', 'out'), button('∃', 'Only records that have this field', 'exists'),
      el('button', { type: 'button', className: 'btn-icon', text: '▦', title: S.state.columns.includes(column) ? 'Remove the column' : 'Add as a column', attrs: { 'aria-label': 'Toggle column ' + column }, on: { click: () => S.toggleColumn(column) } }));
  }

  function fields(record) {
    const dl = clear(document.getElementById('detail-fields'));
    const entries = Object.entries(record).filter(([k, v]) => k !== 'fields' && k !== 'message' && v !== null && v !== '' && !(Array.isArray(v) && !v.length));
    for (const [k, v] of Object.entries(record.fields || {})) entries.push(['fields.' + k, v]);
    for (const [k, v] of entries) {
      const value = typeof v === 'object' ? JSON.stringify(v) : String(v);
      dl.append(el('dt', { text: k }), el('dd', null, el('span', { className: 'dd-value', text: value }), valueActions(k, value)));
    }
  }

  function contextLine(r, isCurrent) {
    return el('li', { className: isCurrent ? 'current' : '', attrs: isCurrent ? { 'aria-current': 'true' } : {} },
      el('span', { className: 't', text: L.fmtTime(r['@timestamp']) }), L.levelBadge(r.level),
      el('span', { className: 'ctx-msg', text: (r.service ? '[' + r.service + '] ' : '') + r.message }));
  }

  async function loadContext(record) {
    const ctx = clear(document.getElementById('detail-context'));
    ctx.append(el('li', { className: 'muted', text: 'Loading…' }));
    try {
      const data = await api('GET', '/api/logs/' + encodeURIComponent(record.id) + '/context?' + L.query(around));
      if (!current || current.id !== record.id) return;
      clear(ctx);
      for (const r of data.before) ctx.append(contextLine(r, false));
      ctx.append(contextLine(data.record, true));
      for (const r of data.after) ctx.append(contextLine(r, false));
      document.getElementById('context-earlier').disabled = data.before.length < around.before;
      document.getElementById('context-later').disabled = data.after.length < around.after;
    } catch (err) {
      clear(ctx).append(el('li', { className: 'muted', text: 'Could not load surrounding logs: ' + L.errorText(err) }));
    }
  }

  S.openRecord = function (record) {
    current = record;
    around = { before: 10, after: 10 };
    S.state.open = record.id;
    S.writeUrl(false);
    document.querySelectorAll('#results-body tr[aria-selected="true"]').forEach((r) => r.setAttribute('aria-selected', 'false'));
    const row = document.querySelector('#results-body tr[data-id="' + CSS.escape(record.id) + '"]');
    if (row) { row.setAttribute('aria-selected', 'true'); row.classList.add('cursor'); }
    document.getElementById('detail').hidden = false;
    document.getElementById('detail-title').textContent = record.level + ' · ' + L.fmtTime(record['@timestamp']);
    document.getElementById('detail-message').textContent = record.message;
    const trace = document.getElementById('detail-trace');
    trace.hidden = !record.correlation_id;
    if (record.correlation_id) trace.setAttribute('href', '/trace/' + encodeURIComponent(record.correlation_id));
    document.getElementById('detail-link').setAttribute('href', recordLink(record));
    fields(record);
    document.getElementById('detail-raw').textContent = JSON.stringify(record, null, 2);
    S.emit('record', record);
    loadContext(record);
  };
  S.closeRecord = function () {
    if (!current && document.getElementById('detail').hidden) return;
    current = null;
    S.state.open = '';
    S.writeUrl(false);
    document.getElementById('detail').hidden = true;
    const row = document.querySelector('#results-body tr[aria-selected="true"]');
    if (row) { row.setAttribute('aria-selected', 'false'); row.focus(); }
  };
  S.openById = async function (id) {
    try { S.openRecord((await api('GET', '/api/logs/' + encodeURIComponent(id))).result); } catch (_) { /* the record may be gone */ }
  };
  S.isRecordOpen = () => current !== null;

  L.onReady(() => {
    document.getElementById('detail-close').addEventListener('click', S.closeRecord);
    document.getElementById('detail-copy').addEventListener('click', async () => {
      const link = location.href;
      try { await navigator.clipboard.writeText(link); L.toast('Link copied'); } catch (_) { window.prompt('Copy this link', link); }
    });
    document.getElementById('context-earlier').addEventListener('click', () => { around.before += 20; if (current) loadContext(current); });
    document.getElementById('context-later').addEventListener('click', () => { around.after += 20; if (current) loadContext(current); });
  });
})();
