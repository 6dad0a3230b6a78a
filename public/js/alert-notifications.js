/* Alert notifications on every signed-in page: the `notification` events of the live stream
 * (socket.io /live, contract in src/live/client-events.ts), pushed to the pages of the user's
 * tenant by `browser` alert channels. A toast on every page; for error and critical (alert
 * severities high and critical) also a desktop Notification and a short sound, when the user
 * opted in on the Live page. The text comes from rule names and log values: textContent only. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { el, beep } = L;
  const SEVERITIES = ['critical', 'error', 'warning', 'info'];
  const LOUD = ['critical', 'error'];
  const TOAST_MS = 15000;
  const MAX_TOASTS = 4;

  function stack() {
    let box = document.getElementById('alert-toasts');
    if (!box) {
      box = el('div', { className: 'alert-toasts', attrs: { id: 'alert-toasts', 'aria-live': 'assertive' } });
      document.body.append(box);
    }
    return box;
  }


  /** The Live page's opt-in ("Notify on CRITICAL"), shared by every page. */
  function optedIn() {
    return Boolean(localStorage.getItem('lognest.live.notify')) && 'Notification' in window && Notification.permission === 'granted';
  }

  function show(n) {
    const severity = SEVERITIES.includes(n.severity) ? n.severity : 'info';
    const box = stack();
    const close = el('button', { type: 'button', className: 'btn btn-small', text: '×', attrs: { 'aria-label': 'Dismiss' } });
    const toast = el('div', { className: 'alert-toast sev-' + severity, attrs: { role: 'alert' } },
      el('strong', { text: n.title }), ' ', el('span', { text: n.message }),
      n.url && /^\/[^/\\]/.test(n.url) ? el('a', { href: n.url, text: 'Open' }) : null,
      close);
    close.addEventListener('click', () => toast.remove());
    box.prepend(toast);
    while (box.children.length > MAX_TOASTS) box.lastElementChild.remove();
    setTimeout(() => toast.remove(), TOAST_MS);
    if (LOUD.includes(severity) && optedIn()) {
      try { new Notification(n.title, { body: String(n.message).slice(0, 240), tag: 'lognest-alert-' + severity }); } catch (_) { /* some browsers only allow it from a service worker */ }
      beep(severity);
    }
  }

  function connect() {
    if (typeof window.io !== 'function') return;
    const socket = window.io('/live', { transports: ['websocket', 'polling'] });
    // No set_filters: this connection carries notifications only, not records or metrics.
    socket.on('connect', () => socket.emit('set_metrics', { enabled: false }));
    socket.on('notification', (n) => { if (n && n.kind === 'alert') show(n); });
    window.LognestAlertNotifications = { socket, show };
  }

  L.onReady(connect);
})();
