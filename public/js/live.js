/* Live: logs as they are committed, over socket.io /live (contract: src/live/client-events.ts).
 * Filters live in the URL (q, level, service). Records are untrusted: rows are built with
 * textContent only. At most MAX_ROWS rows stay in the DOM; while paused, what arrives is
 * counted and kept (up to PAUSE_KEEP) to be shown on resume. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { el, clear, api, query } = L;
  const MAX_ROWS = 2000;
  const PAUSE_KEEP = 5000;
  const SPARK_POINTS = 120;
  const NOTIFY_EVERY_MS = 3000;

  let socket = null;
  let detail = null;
  let paused = false;
  let held = [];
  let heldCount = 0;
  let follow = true;
  let shown = 0;
  let droppedTotal = 0;
  let notifyOn = false;
  let lastNotified = 0;
  const rates = [];
  const $ = (id) => document.getElementById(id);

  // ---- filters
  function readUrl() {
    const p = new URLSearchParams(location.search);
    $('q').value = p.get('q') || '';
    $('f-level').value = p.get('level') || '';
    const service = p.get('service') || '';
    if (service) addService(service);
    $('f-service').value = service;
  }
  function filters() {
    const level = $('f-level').value;
    return { query: $('q').value.trim(), level: level ? level.split(',') : undefined, service: $('f-service').value || undefined };
  }
  function apply() {
    const f = filters();
    const search = query({ q: f.query, level: $('f-level').value, service: f.service });
    history.replaceState(null, '', '/live' + (search ? '?' + search : ''));
    if (socket && socket.connected) socket.emit('set_filters', f);
  }
  function showFilterError(err) {
    const box = clear($('query-error'));
    box.append(el('div', { text: err.message }));
    if (typeof err.position === 'number') {
      const q = $('q').value;
      box.append(el('pre', { text: q + '\n' + ' '.repeat(Math.min(err.position, q.length)) + '^' }));
    }
    box.hidden = false;
  }
  function addService(name) {
    const select = $('f-service');
    if (!name || [...select.options].some((o) => o.value === name)) return;
    select.append(el('option', { attrs: { value: name }, text: name }));
  }
  async function loadServices() {
    try {
      const data = await api('GET', '/api/autocomplete/values?' + query({ field: 'service', q: '' }));
      for (const v of data.values || []) addService(typeof v === 'object' ? String(v.value) : String(v));
    } catch (_) { /* the dropdown still fills from what arrives */ }
  }

  // ---- rows
  function row(r) {
    const level = String(r.level);
    const tr = el('tr', {
      className: 'lvl-row-' + level + (level === 'ERROR' ? ' live-error' : level === 'CRITICAL' ? ' live-critical' : ''),
      attrs: { tabindex: 0, 'aria-selected': 'false' },
      dataset: { id: r.id },
      on: {
        click: () => detail.open(r, tr),
        keydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); detail.open(r, tr); } },
      },
    },
    el('td', { className: 'time nowrap', text: L.fmtTime(r['@timestamp']) }),
    el('td', null, L.levelBadge(level)),
    el('td', { className: 'nowrap', text: r.service || '–' }),
    el('td', { className: 'msg', text: r.message }));
    return tr;
  }
  function render(records) {
    if (!records.length) return;
    const body = $('live-body');
    const fragment = document.createDocumentFragment();
    for (const r of records.slice(-MAX_ROWS)) {
      fragment.append(row(r));
      if (r.service) addService(r.service);
    }
    body.append(fragment);
    while (body.rows.length > MAX_ROWS) {
      body.deleteRow(0);
    }
    shown = body.rows.length;
    $('m-shown').textContent = L.fmtNumber(shown);
    $('live-empty').hidden = shown > 0;
    if (follow) scrollToEnd();
  }
  function receive(records) {
    for (const r of records) if (r.level === 'CRITICAL') notifyCritical(r);
    if (!paused) return render(records);
    heldCount += records.length;
    held.push(...records);
    if (held.length > PAUSE_KEEP) held = held.slice(-PAUSE_KEEP);
    const badge = $('paused-count');
    badge.textContent = L.fmtNumber(heldCount) + ' new';
    badge.hidden = false;
  }
  function setPaused(next) {
    paused = next;
    const button = $('pause');
    button.setAttribute('aria-pressed', String(paused));
    button.textContent = paused ? 'Resume' : 'Pause';
    if (!paused) {
      const pending = held;
      held = [];
      heldCount = 0;
      $('paused-count').hidden = true;
      render(pending);
    }
  }
  function clearRows() {
    clear($('live-body'));
    held = [];
    heldCount = 0;
    shown = 0;
    droppedTotal = 0;
    $('paused-count').hidden = true;
    $('dropped').hidden = true;
    $('m-shown').textContent = '0';
    $('live-empty').hidden = false;
    if (detail.isOpen()) detail.close();
  }

  // ---- scrolling: follow the newest rows until the user scrolls up; resume at the bottom
  function atBottom() {
    const box = $('live-scroll');
    return box.scrollTop + box.clientHeight >= box.scrollHeight - 24;
  }
  function scrollToEnd() {
    const box = $('live-scroll');
    box.scrollTop = box.scrollHeight;
  }
  function onScroll() {
    const next = atBottom();
    if (next === follow) return;
    follow = next;
    $('scroll-state').textContent = follow ? 'Following new logs' : 'Scrolled up: not following (scroll to the bottom to resume)';
    $('jump-latest').hidden = follow;
  }

  // ---- metrics
  function onMetrics(m) {
    $('m-rate').textContent = L.fmtNumber(m.logs_per_second);
    $('m-errors').textContent = L.fmtNumber(m.errors_per_minute);
    $('m-users').textContent = L.fmtNumber(m.connected_users);
    rates.push(m.logs_per_second);
    if (rates.length > SPARK_POINTS) rates.shift();
    drawSparkline();
  }
  function drawSparkline() {
    const canvas = $('sparkline');
    const ctx = canvas.getContext && canvas.getContext('2d');
    if (!ctx) return;
    const w = canvas.width;
    const h = canvas.height;
    ctx.clearRect(0, 0, w, h);
    const max = Math.max(1, ...rates);
    ctx.strokeStyle = L.cssVar('--accent') || '#1d4ed8';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    rates.forEach((v, i) => {
      const x = (i / (SPARK_POINTS - 1)) * w;
      const y = h - 2 - (v / max) * (h - 4);
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    });
    ctx.stroke();
  }
  function onDropped(d) {
    droppedTotal += d.count;
    const box = $('dropped');
    box.textContent = L.fmtNumber(droppedTotal) + ' matching records were not shown (more than the live limit per second, or the connection fell behind); the first since '
      + L.fmtTime(d.since) + '. Narrow the filter, or use Search for the full set.';
    box.hidden = false;
  }

  // ---- notifications (opt-in): CRITICAL records and server events such as fired alerts
  function browserNotify(title, body, severity) {
    if (!notifyOn || !('Notification' in window) || Notification.permission !== 'granted') return;
    const now = Date.now();
    if (now - lastNotified < NOTIFY_EVERY_MS) return;
    lastNotified = now;
    try { new Notification(title, { body: String(body).slice(0, 240), tag: 'lognest-' + severity }); } catch (_) { /* some browsers only allow it from a service worker */ }
    L.beep(severity);
  }
  function notifyCritical(r) {
    browserNotify('CRITICAL' + (r.service ? ' · ' + r.service : ''), r.message, 'critical');
  }
  function onNotification(n) {
    const box = $('live-alert');
    box.className = 'alert live-alert sev-' + (['critical', 'error', 'warning', 'info'].includes(n.severity) ? n.severity : 'info');
    clear(box).append(el('strong', { text: n.title }), ' ', el('span', { text: n.message }), ' ', el('span', { className: 'muted', text: L.fmtTime(n.timestamp, false) }));
    if (n.url && /^\/[^/]/.test(n.url)) box.append(' ', el('a', { href: n.url, text: 'Open' }));
    box.hidden = false;
    browserNotify(n.title, n.message, n.severity);
  }
  async function toggleNotify(checkbox) {
    if (!checkbox.checked) { notifyOn = false; localStorage.removeItem('lognest.live.notify'); return; }
    if (!('Notification' in window)) { checkbox.checked = false; L.toast('This browser has no notifications', 'error'); return; }
    const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    notifyOn = permission === 'granted';
    checkbox.checked = notifyOn;
    if (notifyOn) localStorage.setItem('lognest.live.notify', '1');
    else L.toast('Notifications were not allowed', 'error');
  }

  // ---- connection
  function status(text, ok) {
    $('live-status-text').textContent = text;
    $('live-dot').className = 'status-dot' + (ok ? ' ok' : '');
  }
  function connect() {
    socket = window.io('/live', { transports: ['websocket', 'polling'] });
    socket.on('connect', () => { status('Live', true); apply(); });
    socket.on('disconnect', () => status('Disconnected, reconnecting…', false));
    socket.on('connect_error', (err) => {
      status('Not connected: ' + err.message, false);
      if (/authentication required/.test(err.message)) location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
    });
    socket.on('filters_set', () => { $('query-error').hidden = true; });
    socket.on('filters_error', showFilterError);
    socket.on('log', (r) => receive([r]));
    socket.on('logs', receive);
    socket.on('dropped', onDropped);
    socket.on('metrics_update', onMetrics);
    socket.on('notification', onNotification);
  }

  L.onReady(() => {
    detail = L.detailPanel({
      layout: $('live-layout'),
      rows: $('live-body'),
      // Filter for / out on a value edits the live query and applies it at once.
      onFilter: (clause) => { $('q').value = L.withClause($('q').value, clause); apply(); },
    });
    readUrl();
    loadServices();
    $('live-form').addEventListener('submit', (e) => { e.preventDefault(); apply(); });
    $('f-level').addEventListener('change', apply);
    $('f-service').addEventListener('change', apply);
    $('pause').addEventListener('click', () => setPaused(!paused));
    $('clear').addEventListener('click', clearRows);
    $('jump-latest').addEventListener('click', () => { scrollToEnd(); onScroll(); });
    $('live-scroll').addEventListener('scroll', onScroll, { passive: true });
    const toggle = $('notify-toggle');
    toggle.addEventListener('change', () => toggleNotify(toggle));
    if (localStorage.getItem('lognest.live.notify') && 'Notification' in window && Notification.permission === 'granted') {
      toggle.checked = true;
      notifyOn = true;
    }
    document.addEventListener('keydown', (e) => {
      const target = document.activeElement;
      const typing = /^(INPUT|TEXTAREA|SELECT|BUTTON|A)$/.test(target.tagName) || target.isContentEditable;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') { e.preventDefault(); $('q').focus(); $('q').select(); return; }
      if (e.key === ' ' && !typing && !document.querySelector('dialog[open]')) { e.preventDefault(); setPaused(!paused); return; }
      if (e.key === 'Escape' && detail.isOpen()) detail.close();
    });
    connect();
  });
})();
