/* Settings: profile, password, and API tokens (a new token's secret is shown once). */
(function () {
  'use strict';
  const L = window.Lognest;
  const { api, el, clear } = L;

  async function profile() {
    try {
      const { user } = await api('GET', '/api/user/current');
      document.getElementById('p-full-name').value = user.full_name || '';
      document.getElementById('p-email').value = user.email || '';
      document.getElementById('p-meta').textContent = 'Role ' + user.role + ' in tenant ' + user.tenant_id + '. Member since ' + L.fmtTime(user.created_at, false).slice(0, 10) + '.';
    } catch (err) { L.toast(L.errorText(err), 'error'); }
  }

  async function tokens() {
    const body = clear(document.getElementById('tokens-body'));
    let list;
    try { list = L.listOf(await api('GET', '/api/tokens'), 'tokens'); } catch (err) {
      body.append(el('tr', null, el('td', { className: 'empty', attrs: { colspan: 6 }, text: L.errorText(err) })));
      return;
    }
    list = list.filter((t) => t.scope !== 'login');
    if (!list.length) body.append(el('tr', null, el('td', { className: 'empty', attrs: { colspan: 6 }, text: 'No API tokens. Create one to send logs or search from scripts.' })));
    for (const t of list) {
      body.append(el('tr', { dataset: { id: t.id } },
        el('td', { text: t.name }),
        el('td', null, el('span', { className: 'badge', text: t.scope })),
        el('td', { className: 'nowrap', text: L.fmtTime(t.created_at, false) }),
        el('td', { className: 'nowrap', text: t.last_used_at ? L.fmtAgo(t.last_used_at) : 'never' }),
        el('td', { className: 'nowrap', text: t.expires_at ? L.fmtTime(t.expires_at, false) : 'never' }),
        el('td', null, el('button', { type: 'button', className: 'btn btn-small btn-danger', text: 'Revoke', attrs: { 'aria-label': 'Revoke ' + t.name }, on: { click: () => revoke(t) } }))));
    }
  }

  async function revoke(t) {
    if (!confirm('Revoke token "' + t.name + '"? Scripts using it stop working.')) return;
    try { await api('DELETE', '/api/tokens/' + encodeURIComponent(t.id)); L.toast('Revoked ' + t.name); } catch (err) { L.toast(L.errorText(err), 'error'); }
    tokens();
  }

  L.onReady(() => {
    document.getElementById('profile-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await api('PUT', '/api/user/profile', { full_name: document.getElementById('p-full-name').value.trim(), email: document.getElementById('p-email').value.trim() });
        L.toast('Profile saved');
      } catch (err) { L.toast(L.errorText(err), 'error'); }
    });
    const pw = document.getElementById('password-form');
    pw.addEventListener('submit', async (e) => {
      e.preventDefault();
      const error = document.getElementById('password-error');
      error.hidden = true;
      if (pw.new_password.value !== document.getElementById('pw-confirm').value) {
        error.textContent = 'The new passwords differ.';
        error.hidden = false;
        return;
      }
      try {
        await api('PUT', '/api/user/password', { current_password: pw.current_password.value, new_password: pw.new_password.value });
        pw.reset();
        L.toast('Password changed');
      } catch (err) { error.textContent = L.errorText(err); error.hidden = false; }
    });
    const tf = document.getElementById('token-form');
    tf.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const created = await api('POST', '/api/tokens', { name: tf.name.value.trim(), scope: tf.scope.value });
        document.getElementById('token-secret-value').textContent = created.token || (created.result && created.result.token) || '';
        document.getElementById('token-secret').hidden = false;
        tf.reset();
        tokens();
      } catch (err) { L.toast(L.errorText(err), 'error'); }
    });
    document.getElementById('token-copy').addEventListener('click', async () => {
      try { await navigator.clipboard.writeText(document.getElementById('token-secret-value').textContent); L.toast('Copied'); } catch (_) { L.toast('Select the token and copy it', 'error'); }
    });
    Promise.all([profile(), tokens()]).then(() => { document.body.dataset.loaded = 'true'; });
  });
})();
