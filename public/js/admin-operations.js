/* Administration, operations: API rate limits (classes, open windows, resets) and retention per tenant. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { api, el, clear } = L;

  async function loadRateLimits() {
    const status = await api('GET', '/api/rate-limits/status');
    document.getElementById('rl-summary').textContent = status.enabled
      ? 'Calls per user, API token, or address (anonymous), per endpoint class. Set with LOGNEST_RATE_LIMITS.'
      : 'Off (LOGNEST_RATE_LIMITS=off).';
    const classes = clear(document.getElementById('rl-classes'));
    for (const [name, rule] of Object.entries(status.limits)) {
      classes.append(el('tr', null, el('td', { text: name }), el('td', { text: rule.description })));
    }
    const active = clear(document.getElementById('rl-active'));
    if (status.active.length === 0) active.append(el('tr', null, el('td', { attrs: { colspan: 5 }, className: 'empty', text: 'No open windows' })));
    for (const w of status.active) {
      const reset = el('button', { type: 'button', className: 'btn btn-small', text: 'Reset', attrs: { 'aria-label': 'Reset ' + w.id } });
      reset.addEventListener('click', () => run(() => api('DELETE', '/api/rate-limits/reset/' + encodeURIComponent(w.id)), 'Reset ' + w.id));
      active.append(el('tr', null,
        el('td', { className: 'mono', text: w.id }),
        el('td', { text: w.class }),
        el('td', { text: w.count + ' / ' + w.limit }),
        el('td', { className: 'nowrap', text: L.fmtTime(w.reset_at, false) }),
        el('td', null, reset)));
    }
  }

  const run = (action, done) => save(action, done, loadRateLimits);

  async function loadRetention() {
    const body = document.getElementById('retention-body');
    if (!body) return;
    const tenants = L.listOf(await api('GET', '/api/admin/retention'), 'tenants');
    clear(body);
    for (const t of tenants) {
      const days = el('input', { type: 'number', attrs: { min: 1, max: 36500, step: 1, value: t.retention_days ?? '', placeholder: 'forever', 'aria-label': 'Retention days of ' + t.name } });
      days.addEventListener('change', () => {
        const value = days.value.trim() === '' ? null : Number(days.value);
        save(() => api('PUT', '/api/admin/tenants/' + encodeURIComponent(t.id), { retention_days: value }), value === null ? t.name + ' keeps everything' : t.name + ' keeps ' + value + ' days', loadRetention);
      });
      body.append(el('tr', null,
        el('td', { text: t.name }),
        el('td', { text: L.fmtNumber(t.records) }),
        el('td', { className: 'nowrap', text: t.oldest_record ? L.fmtTime(t.oldest_record, false) : '–' }),
        el('td', { text: L.fmtBytes(t.size_bytes) }),
        el('td', null, days)));
    }
  }

  async function save(action, done, reload) {
    try { await action(); if (done) L.toast(done); await reload(); } catch (err) { L.toast(L.errorText(err), 'error'); }
  }

  L.onReady(async () => {
    const runRetention = document.getElementById('retention-run');
    if (runRetention) {
      runRetention.addEventListener('click', () => save(async () => {
        const deleted = (await api('POST', '/api/admin/retention/run')).deleted;
        L.toast('Removed ' + Object.values(deleted).reduce((a, b) => a + b, 0) + ' records');
      }, null, loadRetention));
    }
    loadRetention().catch((err) => L.toast(L.errorText(err), 'error'));
    document.getElementById('rl-reset-all').addEventListener('click', () => run(() => api('DELETE', '/api/rate-limits/reset-all'), 'Rate limits reset'));
    try { await loadRateLimits(); } catch (err) { L.toast(L.errorText(err), 'error'); }
  });
})();
