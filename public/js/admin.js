/*
 * Administration: users (role, enabled) for every admin; open registration and tenants for
 * the installation admin only (the page leaves those sections out for a tenant admin).
 */
(function () {
  'use strict';
  const L = window.Lognest;
  const { api, el, clear } = L;
  let tenants = [];

  async function settings() {
    const box = document.getElementById('open-registration');
    try { box.checked = Boolean((await api('GET', '/api/admin/settings')).open_registration); } catch (err) { L.toast(L.errorText(err), 'error'); }
    box.addEventListener('change', async () => {
      try { await api('PUT', '/api/admin/settings', { open_registration: box.checked }); L.toast('Registration ' + (box.checked ? 'opened' : 'closed')); } catch (err) { box.checked = !box.checked; L.toast(L.errorText(err), 'error'); }
    });
  }

  async function loadTenants() {
    if (!document.getElementById('tenants-body')) return;
    tenants = L.listOf(await api('GET', '/api/admin/tenants'), 'tenants');
    const body = clear(document.getElementById('tenants-body'));
    const select = clear(document.getElementById('u-tenant'));
    for (const t of tenants) {
      body.append(el('tr', null, el('td', { text: t.name }), el('td', { className: 'mono', text: t.id }), el('td', { className: 'nowrap', text: L.fmtTime(t.created_at, false) })));
      select.append(el('option', { attrs: { value: t.id }, text: t.name }));
    }
  }

  async function update(user, changes, revert) {
    try { await api('PUT', '/api/admin/users/' + encodeURIComponent(user.id), changes); L.toast('Updated ' + user.username); } catch (err) { revert(); L.toast(L.errorText(err), 'error'); }
  }

  async function loadUsers() {
    const body = clear(document.getElementById('users-body'));
    const roles = JSON.parse(body.dataset.roles);
    const users = L.listOf(await api('GET', '/api/admin/users'), 'users');
    const installation = Boolean(document.getElementById('tenants-body'));
    for (const u of users) {
      // Only an installation admin may change one; the API refuses it to a tenant admin too.
      const locked = u.installation_admin && !installation;
      const role = el('select', { attrs: { 'aria-label': 'Role of ' + u.username } }, roles.map((r) => el('option', { attrs: { value: r, selected: r === u.role }, text: r })));
      role.disabled = locked;
      role.addEventListener('change', () => { const before = u.role; update(u, { role: role.value }, () => { role.value = before; }).then(() => { u.role = role.value; }); });
      const enabled = el('input', { type: 'checkbox', attrs: { 'aria-label': 'Enable ' + u.username, checked: !u.disabled } });
      enabled.disabled = locked;
      enabled.addEventListener('change', () => update(u, { disabled: !enabled.checked }, () => { enabled.checked = !enabled.checked; }));
      body.append(el('tr', null,
        el('td', null, el('strong', { text: u.username }), u.installation_admin ? el('span', { className: 'badge', text: 'installation admin' }) : null,
          u.email ? el('div', { className: 'muted', text: u.email }) : null),
        el('td', { text: u.tenant_name || u.tenant_id }),
        el('td', null, role),
        el('td', { className: 'nowrap', text: u.last_login ? L.fmtAgo(u.last_login) : 'never' }),
        el('td', null, enabled)));
    }
  }

  L.onReady(async () => {
    if (document.getElementById('open-registration')) settings();
    try { await loadTenants(); await loadUsers(); } catch (err) { L.toast(L.errorText(err), 'error'); }
    const uf = document.getElementById('user-form');
    uf.addEventListener('submit', async (e) => {
      e.preventDefault();
      const d = Object.fromEntries(new FormData(uf).entries());
      try { await api('POST', '/api/admin/users', d); uf.reset(); L.toast('Added ' + d.username); loadUsers(); } catch (err) { L.toast(L.errorText(err), 'error'); }
    });
    const tf = document.getElementById('tenant-form');
    if (tf) tf.addEventListener('submit', async (e) => {
      e.preventDefault();
      try { await api('POST', '/api/admin/tenants', { name: tf.name.value.trim() }); tf.reset(); await loadTenants(); loadUsers(); } catch (err) { L.toast(L.errorText(err), 'error'); }
    });
    document.body.dataset.loaded = 'true';
  });
})();
