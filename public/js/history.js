/* History: the user's recent searches and the team's popular queries, each replayable. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { api, el, clear, fmtNumber } = L;

  function empty(body, cols, text) { body.append(el('tr', null, el('td', { className: 'empty', attrs: { colspan: cols }, text }))); }

  async function recent() {
    const body = clear(document.getElementById('recent-body'));
    let list;
    try { list = L.listOf(await api('GET', '/api/search/history'), 'history', 'searches', 'results'); } catch (err) { empty(body, 3, L.errorText(err)); return; }
    if (!list.length) empty(body, 3, 'No searches yet.');
    for (const h of list) {
      const filters = { ...(h.filters || {}), q: h.query ?? (h.filters || {}).q ?? '' };
      const when = h.searched_at || h.created_at || h.timestamp || h.at;
      body.append(el('tr', null,
        el('td', { className: 'mono' }, el('a', { href: L.searchHref(filters), text: L.describeFilters(filters) })),
        el('td', { className: 'num', text: fmtNumber(h.total ?? h.results_count ?? h.result_count) }),
        el('td', { className: 'nowrap', text: L.fmtAgo(when), title: L.fmtTime(when) })));
    }
  }

  async function popular() {
    const body = clear(document.getElementById('popular-body'));
    let list;
    try { list = L.listOf(await api('GET', '/api/search/popular'), 'popular', 'queries', 'results'); } catch (err) { empty(body, 2, L.errorText(err)); return; }
    if (!list.length) empty(body, 2, 'No searches yet.');
    for (const p of list) {
      const q = p.query ?? p.q ?? '';
      body.append(el('tr', null,
        el('td', { className: 'mono' }, el('a', { href: L.searchHref(p.filters || { q }), text: q || '(everything)' })),
        el('td', { className: 'num', text: fmtNumber(p.count ?? p.uses ?? p.times) })));
    }
  }

  L.onReady(() => Promise.all([recent(), popular()]).then(() => { document.body.dataset.loaded = 'true'; }));
})();
