/* Saved searches: apply (records the use, then opens /search with its filters), rename, delete. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { api, el, clear, fmtNumber } = L;
  let editing = null;

  const pick = (o, ...keys) => { for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k]; return undefined; };

  async function apply(s) {
    try { await api('POST', '/api/search/saved/' + encodeURIComponent(s.id) + '/use'); } catch (_) { /* still open it */ }
    location.assign(L.searchHref(s.filters));
  }

  async function remove(s) {
    if (!confirm('Delete saved search "' + s.name + '"?')) return;
    try { await api('DELETE', '/api/search/saved/' + encodeURIComponent(s.id)); L.toast('Deleted "' + s.name + '"'); } catch (err) { L.toast(L.errorText(err), 'error'); }
    load();
  }

  function rename(s) {
    editing = s;
    document.getElementById('rename-name').value = s.name;
    document.getElementById('rename-description').value = s.description || '';
    document.getElementById('rename-dialog').showModal();
  }

  async function load() {
    const body = clear(document.getElementById('saved-body'));
    let list;
    try { list = L.listOf(await api('GET', '/api/search/saved'), 'saved_searches', 'searches', 'results'); } catch (err) {
      const box = document.getElementById('saved-error');
      box.textContent = 'Could not load saved searches: ' + L.errorText(err);
      box.hidden = false;
      return;
    }
    if (!list.length) body.append(el('tr', null, el('td', { className: 'empty', attrs: { colspan: 5 } }, 'Nothing saved yet. Run a search and press "Save search". ')));
    for (const s of list) {
      const lastUsed = pick(s, 'last_used', 'last_used_at', 'lastUsedAt');
      body.append(el('tr', { dataset: { id: s.id } },
        el('td', null, el('a', { href: L.searchHref(s.filters), text: s.name, on: { click: (e) => { e.preventDefault(); apply(s); } } }),
          s.description ? el('div', { className: 'muted', text: s.description }) : null),
        el('td', { className: 'mono', text: L.describeFilters(s.filters) }),
        el('td', { className: 'num', text: fmtNumber(pick(s, 'use_count', 'useCount') || 0) }),
        el('td', { className: 'nowrap', text: lastUsed ? L.fmtAgo(lastUsed) : 'never', title: lastUsed ? L.fmtTime(lastUsed) : '' }),
        el('td', { className: 'nowrap' },
          el('button', { type: 'button', className: 'btn btn-small btn-primary', text: 'Apply', attrs: { 'aria-label': 'Apply ' + s.name }, on: { click: () => apply(s) } }), ' ',
          el('button', { type: 'button', className: 'btn btn-small', text: 'Rename', attrs: { 'aria-label': 'Rename ' + s.name }, on: { click: () => rename(s) } }), ' ',
          el('button', { type: 'button', className: 'btn btn-small btn-danger', text: 'Delete', attrs: { 'aria-label': 'Delete ' + s.name }, on: { click: () => remove(s) } }))));
    }
    document.body.dataset.loaded = 'true';
  }

  L.onReady(() => {
    const dialog = document.getElementById('rename-dialog');
    document.getElementById('rename-cancel').addEventListener('click', () => dialog.close());
    document.getElementById('rename-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await api('PUT', '/api/search/saved/' + encodeURIComponent(editing.id), {
          name: document.getElementById('rename-name').value.trim(), description: document.getElementById('rename-description').value.trim(),
        });
        dialog.close();
        load();
      } catch (err) { L.toast(L.errorText(err), 'error'); }
    });
    load();
  });
})();
