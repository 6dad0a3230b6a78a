/* Administration, operations: API rate limits (classes, open windows, resets). */
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

  async function run(action, done) {
    try { await action(); L.toast(done); await loadRateLimits(); } catch (err) { L.toast(L.errorText(err), 'error'); }
  }

  L.onReady(async () => {
    document.getElementById('rl-reset-all').addEventListener('click', () => run(() => api('DELETE', '/api/rate-limits/reset-all'), 'Rate limits reset'));
    try { await loadRateLimits(); } catch (err) { L.toast(L.errorText(err), 'error'); }
  });
})();
