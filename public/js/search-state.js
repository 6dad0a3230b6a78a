/* Search page state: the URL holds the whole search (q, filters, range, columns, page, sort, the
 * open record), so a search can be shared, reloaded and stepped through with Back. Other
 * search-page scripts read and change it through window.LognestSearch (S). */
(function () {
  'use strict';
  const L = window.Lognest;
  const FILTERS = ['status_code', 'endpoint', 'service', 'server'];
  const DEFAULT_COLUMNS = ['@timestamp', 'level', 'service', 'endpoint', 'status_code', 'response_time_ms', 'message'];
  /** The neighbourhoods of the surrounding records (GET /api/logs/:id/context?same=), default first. */
  const AROUND = ['service,server', 'service', 'server', 'file', 'all'];
  const listeners = {};
  const S = {
    FILTERS, DEFAULT_COLUMNS, AROUND,
    state: {},
    /** Events: `search` (a search is about to run), `results` (data), `record` (opened record). */
    on(name, fn) { (listeners[name] = listeners[name] || []).push(fn); },
    emit(name, value) { for (const fn of listeners[name] || []) { try { fn(value); } catch (err) { console.error(err); } } },
  };

  S.readUrl = function () {
    const p = new URLSearchParams(location.search);
    const columns = (p.get('columns') || '').split(',').map((c) => c.trim()).filter(Boolean);
    S.state = {
      q: p.get('q') || '',
      level: (p.get('level') || '').split(',').filter(Boolean),
      status_code: p.get('status_code') || '', endpoint: p.get('endpoint') || '', service: p.get('service') || '', server: p.get('server') || '',
      range: p.get('range') || '24h', from: p.get('from') || '', to: p.get('to') || '',
      page: Math.max(1, Number(p.get('page')) || 1), per_page: Number(p.get('per_page')) || 50, sort: p.get('sort') === 'asc' ? 'asc' : 'desc',
      columns: columns.length ? columns : DEFAULT_COLUMNS.slice(),
      open: p.get('open') || '',
      view: p.get('view') === 'patterns' ? 'patterns' : 'logs',
      around: AROUND.includes(p.get('around')) ? p.get('around') : AROUND[0],
    };
  };
  S.customColumns = function () {
    return S.state.columns.join(',') !== DEFAULT_COLUMNS.join(',');
  };
  S.urlParams = function () {
    const s = S.state;
    return {
      q: s.q, level: s.level, status_code: s.status_code, endpoint: s.endpoint, service: s.service, server: s.server,
      range: s.range, from: s.range === 'custom' ? s.from : '', to: s.range === 'custom' ? s.to : '',
      page: s.page > 1 ? s.page : '', per_page: s.per_page !== 50 ? s.per_page : '', sort: s.sort !== 'desc' ? s.sort : '',
      columns: S.customColumns() ? s.columns : '', open: s.open, view: s.view === 'patterns' ? 'patterns' : '',
      around: s.around !== AROUND[0] ? s.around : '',
    };
  };
  S.writeUrl = function (push) {
    const url = location.pathname + '?' + L.query(S.urlParams());
    if (url !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', url);
  };
  /** The search as the API takes it (POST /api/search, /api/export, /api/fields, saved searches). */
  S.apiFilters = function () {
    const s = S.state;
    const out = { q: s.q, ...L.rangeParams(s.range, s.from, s.to) };
    if (s.level.length) out.level = s.level.join(',');
    for (const f of FILTERS) if (s[f]) out[f] = s[f];
    out.sort = s.sort;
    return out;
  };
  /** The API's record → the value shown for a column (`fields.x` reads the record's fields). */
  S.valueOf = function (record, column) {
    if (column.startsWith('fields.')) {
      const v = (record.fields || {})[column.slice(7)];
      return v === undefined || v === null ? null : typeof v === 'object' ? JSON.stringify(v) : v;
    }
    const v = record[column];
    return v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length) ? null : Array.isArray(v) ? v.join(', ') : v;
  };

  /** The query name of a column: canonical names as they are, extra keys without `fields.`. */
  S.queryName = function (column) {
    return column.startsWith('fields.') ? column.slice(7) : column;
  };
  /** Adds `field:value` (or `-field:value`, `_exists_:field`) to the query and searches again. */
  S.addFilter = function (column, value, mode) {
    const name = S.queryName(column);
    const q = L.withClause(S.state.q, L.filterClause(name, value, mode));
    if (q === S.state.q.trim()) return;
    S.state.q = q;
    S.refresh(true);
  };
  S.setColumns = function (columns) {
    S.state.columns = columns.length ? columns : DEFAULT_COLUMNS.slice();
    S.writeUrl(true);
    S.emit('columns', S.state.columns);
  };
  S.toggleColumn = function (column) {
    const cols = S.state.columns.slice();
    const at = cols.indexOf(column);
    if (at >= 0) cols.splice(at, 1);
    else cols.splice(Math.max(0, cols.indexOf('message')), 0, column);
    S.setColumns(cols);
  };
  /** Set by search-page.js: fills the form from the state, writes the URL and runs the search. */
  S.refresh = function () {};

  window.LognestSearch = S;
})();
