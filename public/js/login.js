/* /login and /register: post the form as JSON with the CSRF header, then go to `next`
 * (already reduced to a same-site path by the server; checked again here). */
(function () {
  'use strict';
  const { api, errorText, onReady } = window.Lognest;

  function safeNext(raw) {
    if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
    const url = new URL(raw, location.origin);
    return url.origin === location.origin ? url.pathname + url.search + url.hash : '/';
  }

  function bind(form, url, toBody) {
    const error = document.getElementById('form-error');
    const button = form.querySelector('button[type=submit]');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.hidden = true;
      if (!form.checkValidity()) { form.reportValidity(); return; }
      button.disabled = true;
      try {
        await api('POST', url, toBody(new FormData(form)));
        location.assign(safeNext(form.dataset.next));
      } catch (err) {
        error.textContent = err.status === 401 ? 'Wrong username or password.' : errorText(err);
        error.hidden = false;
        button.disabled = false;
      }
    });
  }

  onReady(() => {
    const login = document.getElementById('login-form');
    if (login) bind(login, '/api/login', (d) => ({ username: d.get('username'), password: d.get('password'), remember_me: d.get('remember_me') === 'on' }));
    const register = document.getElementById('register-form');
    if (register) bind(register, '/api/register', (d) => ({ username: d.get('username'), email: d.get('email'), password: d.get('password'), full_name: d.get('full_name') }));
  });
})();
