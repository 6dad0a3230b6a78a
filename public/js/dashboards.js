/* Dashboards list: open, create, copy and delete custom dashboards (GET/POST/DELETE /api/dashboards). */
(function () {
  'use strict';
  const L = window.Lognest;
  const { api, el, clear, fmtNumber } = L;
  const canWrite = () => document.body.dataset.role !== 'viewer';

  function rangeText(t) {
    if (t.range !== 'custom') return 'Last ' + t.range;
    return t.from + ' → ' + (t.to || 'now');
  }

  async function copy(d) {
    try {
      const made = await api('POST', '/api/dashboards/' + encodeURIComponent(d.id) + '/copy', {});
      location.assign(made.dashboard.url);
    } catch (err) { L.toast(L.errorText(err), 'error'); }
  }

  async function remove(d) {
    if (!confirm('Delete dashboard "' + d.name + '"? This cannot be undone.')) return;
    try { await api('DELETE', '/api/dashboards/' + encodeURIComponent(d.id)); L.toast('Deleted "' + d.name + '"'); } catch (err) { L.toast(L.errorText(err), 'error'); }
    load();
  }

  async function load() {
    const body = clear(document.getElementById('dashboards-body'));
    let list;
    try { list = (await api('GET', '/api/dashboards')).dashboards; } catch (err) {
      const box = document.getElementById('dashboards-error');
      box.textContent = 'Could not load dashboards: ' + L.errorText(err);
      box.hidden = false;
      return;
    }
    if (!list.length) body.append(el('tr', null, el('td', { className: 'empty', attrs: { colspan: 7 } }, 'No dashboards yet. Create one here, or use "Add to dashboard" on the search page.')));
    for (const d of list) {
      body.append(el('tr', { dataset: { id: d.id } },
        el('td', null, el('a', { href: d.url, text: d.name }), d.description ? el('div', { className: 'muted', text: d.description }) : null),
        el('td', { text: d.owner.username }),
        el('td', null, el('span', { className: 'badge' + (d.shared ? ' badge-info' : ''), text: d.visibility })),
        el('td', { className: 'num', text: fmtNumber(d.widget_count) }),
        el('td', { className: 'nowrap', text: rangeText(d.time_range) + (d.refresh !== 'off' ? ' · every ' + d.refresh : '') }),
        el('td', { className: 'nowrap', text: L.fmtAgo(d.updated_at), title: L.fmtTime(d.updated_at) }),
        el('td', { className: 'nowrap' },
          el('a', { className: 'btn btn-small btn-primary', href: d.url, text: 'Open', attrs: { 'aria-label': 'Open ' + d.name } }), ' ',
          canWrite() ? el('button', { type: 'button', className: 'btn btn-small', text: 'Copy', attrs: { 'aria-label': 'Copy ' + d.name }, on: { click: () => copy(d) } }) : null, ' ',
          d.can_manage ? el('button', { type: 'button', className: 'btn btn-small btn-danger', text: 'Delete', attrs: { 'aria-label': 'Delete ' + d.name }, on: { click: () => remove(d) } }) : null)));
    }
    document.body.dataset.loaded = 'true';
  }

  L.onReady(() => {
    const dialog = document.getElementById('new-dialog');
    const open = document.getElementById('new-dashboard');
    if (open) open.addEventListener('click', () => { document.getElementById('new-error').hidden = true; dialog.showModal(); });
    document.getElementById('new-cancel').addEventListener('click', () => dialog.close());
    document.getElementById('new-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const made = await api('POST', '/api/dashboards', {
          name: document.getElementById('new-name').value.trim(),
          description: document.getElementById('new-description').value.trim(),
          shared: document.getElementById('new-shared').checked,
        });
        location.assign(made.dashboard.url + '?edit=1');
      } catch (err) {
        const box = document.getElementById('new-error');
        box.textContent = L.errorText(err);
        box.hidden = false;
      }
    });
    load();
  });
})();
