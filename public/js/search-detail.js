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
  /** Surrounding records loaded at a time, on opening and per "load more". */
  const PAGE = 10;

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
    // The service always; the server too where the neighbourhood lets it vary.
    const source = [r.service, /server/.test(S.state.around) ? null : r.server].filter(Boolean).join(' @ ');
    return el('li', { className: isCurrent ? 'current' : '', attrs: isCurrent ? { 'aria-current': 'true' } : {}, dataset: { id: r.id } },
      el('span', { className: 't', text: L.fmtTime(r['@timestamp']) }), L.levelBadge(r.level),
      el('span', { className: 'ctx-msg', text: (source ? '[' + source + '] ' : '') + r.message }));
  }

  /** The records around `anchor` in the chosen neighbourhood (`same=`). */
  function context(anchor, before, after) {
    return api('GET', '/api/logs/' + encodeURIComponent(anchor) + '/context?' + L.query({ before, after, same: S.state.around }));
  }
  const edges = { first: null, last: null };
  function setEdges(first, last, moreBefore, moreAfter) {
    if (first) edges.first = first;
    if (last) edges.last = last;
    if (moreBefore !== undefined) document.getElementById('context-earlier').disabled = !moreBefore;
    if (moreAfter !== undefined) document.getElementById('context-later').disabled = !moreAfter;
  }

  async function loadContext(record) {
    const ctx = clear(document.getElementById('detail-context'));
    document.getElementById('context-scope').value = S.state.around;
    ctx.append(el('li', { className: 'muted', text: 'Loading…' }));
    try {
      const data = await context(record.id, PAGE, PAGE);
      if (!current || current.id !== record.id) return;
      clear(ctx);
      for (const r of data.before) ctx.append(contextLine(r, false));
      ctx.append(contextLine(data.record, true));
      for (const r of data.after) ctx.append(contextLine(r, false));
      edges.first = edges.last = null;
      setEdges((data.before[0] || data.record).id, (data.after[data.after.length - 1] || data.record).id, data.before.length === PAGE, data.after.length === PAGE);
    } catch (err) {
      clear(ctx).append(el('li', { className: 'muted', text: 'Could not load surrounding logs: ' + L.errorText(err) }));
    }
  }

  /** "Load earlier" / "Load later": the next PAGE records from the edge shown, added to the list. */
  async function loadMore(earlier) {
    const record = current;
    const anchor = earlier ? edges.first : edges.last;
    if (!record || !anchor) return;
    const button = document.getElementById(earlier ? 'context-earlier' : 'context-later');
    button.disabled = true;
    try {
      const data = await context(anchor, earlier ? PAGE : 0, earlier ? 0 : PAGE);
      if (current !== record) return;
      const ctx = document.getElementById('detail-context');
      const rows = earlier ? data.before : data.after;
      if (earlier) ctx.prepend(...rows.map((r) => contextLine(r, false)));
      else ctx.append(...rows.map((r) => contextLine(r, false)));
      if (earlier) setEdges(rows.length ? rows[0].id : null, null, rows.length === PAGE, undefined);
      else setEdges(null, rows.length ? rows[rows.length - 1].id : null, undefined, rows.length === PAGE);
    } catch (err) {
      L.toast('Could not load more surrounding logs: ' + L.errorText(err), 'error');
      button.disabled = false;
    }
  }

  S.openRecord = function (record) {
    current = record;
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
    document.getElementById('context-earlier').addEventListener('click', () => loadMore(true));
    document.getElementById('context-later').addEventListener('click', () => loadMore(false));
    document.getElementById('context-scope').addEventListener('change', (e) => {
      S.state.around = e.target.value;
      S.writeUrl(false);
      if (current) loadContext(current);
    });
  });
})();
