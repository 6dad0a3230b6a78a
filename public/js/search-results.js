/* The results table: one-line rows with the chosen columns (any field, `fields.*` included),
 * dragged to reorder, a column that no record of the page has hidden unless it was asked for,
 * the message truncated and expandable, and + / − / ∃ on a cell to filter for or out its value
 * or on the field's presence. */
(function () {
  'use strict';
  const L = window.Lognest;
  const S = window.LognestSearch;
  const { el, clear } = L;
  const LABELS = { '@timestamp': 'Time (UTC)', level: 'Level', service: 'Service', endpoint: 'Endpoint', status_code: 'Status', response_time_ms: 'ms', message: 'Message' };
  const NUMERIC = new Set(['status_code', 'response_time_ms', 'query_duration_ms']);
  let data = null;
  let dragged = null;

  /** The columns to draw: the chosen ones, less default columns none of these records have. */
  function visibleColumns(records) {
    return S.state.columns.filter((c) => c === '@timestamp' || c === 'message' || S.customColumns() || records.some((r) => S.valueOf(r, c) !== null));
  }

  /** + / − / ∃ on a cell: filter for or out its value, or keep the records that have the field. */
  function cellFilters(column, value) {
    const button = (cls, label, mode) => el('button', { type: 'button', className: 'btn-icon ' + cls, title: label,
      attrs: { 'aria-label': label + ' ' + column + (mode === 'exists' ? '' : ' ' + value) }, on: { click: (e) => { e.stopPropagation(); S.addFilter(column, value, mode); } } });
    return el('span', { className: 'cell-filters' },
      button('sym-for', 'Filter for', 'for'), button('sym-out', 'Filter out', 'out'), button('sym-exists', 'Only records with', 'exists'));
  }

  function cell(record, column) {
    const value = S.valueOf(record, column);
    if (column === '@timestamp') return el('td', { className: 'time', text: L.fmtTime(record['@timestamp']) });
    if (column === 'level') return el('td', { dataset: { column } }, L.levelBadge(record.level), cellFilters('level', record.level));
    if (column === 'message') {
      const text = el('span', { className: 'msg-text', text: record.message });
      const more = el('button', { type: 'button', className: 'btn-link expand', title: 'Show the whole message', attrs: { 'aria-label': 'Expand message', 'aria-expanded': 'false' },
        on: { click: (e) => { e.stopPropagation(); const row = e.target.closest('tr'); const open = row.classList.toggle('expanded'); e.target.setAttribute('aria-expanded', String(open)); } } });
      return el('td', { className: 'msg' }, text, more);
    }
    const td = el('td', { className: (NUMERIC.has(column) ? 'num ' : 'nowrap ') + (column === 'status_code' ? L.statusClass(record.status_code) : ''), dataset: { column } });
    if (value === null) return td;
    td.append(el('span', { className: 'cell-text', text: value }), cellFilters(column, value));
    return td;
  }

  function header(columns) {
    const row = el('tr');
    for (const column of columns) {
      const th = el('th', { attrs: { scope: 'col', draggable: 'true', title: 'Drag to move this column' }, className: NUMERIC.has(column) ? 'num' : '', dataset: { column } },
        el('span', { text: LABELS[column] || column }));
      if (column !== '@timestamp') th.append(el('button', { type: 'button', className: 'btn-icon col-remove sym-remove', attrs: { 'aria-label': 'Remove column ' + column }, on: { click: () => S.toggleColumn(column) } }));
      th.addEventListener('dragstart', (e) => { dragged = column; e.dataTransfer.effectAllowed = 'move'; e.dataTransfer.setData('text/plain', column); });
      th.addEventListener('dragover', (e) => { e.preventDefault(); th.classList.add('drop-target'); });
      th.addEventListener('dragleave', () => th.classList.remove('drop-target'));
      th.addEventListener('drop', (e) => { e.preventDefault(); th.classList.remove('drop-target'); moveColumn(dragged || e.dataTransfer.getData('text/plain'), column); });
      row.append(th);
    }
    return row;
  }

  /** Puts `column` where `target` is (the columns between shift by one). */
  function moveColumn(column, target) {
    const cols = S.state.columns.slice();
    const from = cols.indexOf(column);
    const to = cols.indexOf(target);
    if (from < 0 || to < 0 || from === to) return;
    cols.splice(from, 1);
    cols.splice(to, 0, column);
    S.setColumns(cols);
  }

  function render() {
    const records = (data && data.results) || [];
    const columns = visibleColumns(records);
    clear(document.getElementById('results-head')).append(header(columns));
    const tbody = clear(document.getElementById('results-body'));
    if (!records.length) tbody.append(el('tr', null, el('td', { className: 'empty', attrs: { colspan: columns.length }, text: data ? 'No logs match this search and time range.' : 'Searching…' })));
    for (const r of records) {
      const row = el('tr', {
        className: 'lvl-row-' + r.level,
        attrs: { tabindex: 0, 'aria-selected': String(r.id === S.state.open) },
        dataset: { id: r.id },
        on: { click: () => S.openRecord(r), keydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); S.openRecord(r); } } },
      });
      for (const c of columns) row.append(cell(r, c));
      tbody.append(row);
    }
  }

  S.renderResults = function (next) { data = next; render(); };
  S.clearResults = function (text) {
    data = null;
    const columns = visibleColumns([]);
    clear(document.getElementById('results-head')).append(header(columns));
    clear(document.getElementById('results-body')).append(el('tr', null, el('td', { className: 'empty', attrs: { colspan: columns.length }, text })));
  };
  /** Moves the keyboard focus and selection to the next (+1) or previous (−1) row. */
  S.moveSelection = function (step) {
    const rows = [...document.querySelectorAll('#results-body tr[data-id]')];
    if (!rows.length) return;
    const current = rows.findIndex((r) => r === document.activeElement || r.classList.contains('cursor'));
    const next = rows[Math.max(0, Math.min(rows.length - 1, current < 0 ? 0 : current + step))];
    rows.forEach((r) => r.classList.remove('cursor'));
    next.classList.add('cursor');
    next.focus();
  };
  S.on('columns', render);
})();
