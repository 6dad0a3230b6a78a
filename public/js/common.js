/* Lognest browser helpers, shared by every page. Data from the API is attacker-controlled:
 * it only ever reaches the DOM through textContent / attributes set here, never innerHTML. */
(function () {
  'use strict';

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.message) || 'Request failed (' + status + ')');
      this.status = status;
      this.body = body || {};
    }
  }

  let csrfToken = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';

  async function csrf() {
    if (csrfToken) return csrfToken;
    try {
      const res = await fetch('/api/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (res.ok) csrfToken = (await res.json()).token || '';
    } catch (_) { /* the request itself will report the failure */ }
    return csrfToken;
  }

  /** JSON API call with the session cookie and, for changes, the CSRF header. */
  async function api(method, url, body) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = await csrf();
    let payload;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
    const res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (_) { data = { message: text }; }
    if (res.status === 401 && !/^\/(login|register)/.test(location.pathname)) {
      location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
      throw new ApiError(401, data);
    }
    if (!res.ok) throw new ApiError(res.status, data);
    return data;
  }

  /** createElement with properties: text, className, attrs, dataset, on; children appended as nodes or text. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    const p = props || {};
    if (p.text !== undefined && p.text !== null) node.textContent = String(p.text);
    if (p.className) node.className = p.className;
    if (p.title) node.title = String(p.title);
    if (p.href) node.setAttribute('href', p.href);
    if (p.type) node.setAttribute('type', p.type);
    if (p.attrs) for (const [k, v] of Object.entries(p.attrs)) if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : String(v));
    if (p.dataset) for (const [k, v] of Object.entries(p.dataset)) node.dataset[k] = String(v);
    if (p.on) for (const [k, v] of Object.entries(p.on)) node.addEventListener(k, v);
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  const nf = new Intl.NumberFormat();
  function fmtNumber(n) { return n === null || n === undefined || Number.isNaN(Number(n)) ? '–' : nf.format(Number(n)); }
  function fmtBytes(n) {
    if (!n && n !== 0) return '–';
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let i = 0; let v = Number(n);
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (i === 0 ? v : v.toFixed(1)) + ' ' + units[i];
  }
  /** ISO time shown as `2026-11-28 12:00:01.123` in UTC, the same clock the API speaks. */
  function fmtTime(iso, withMs) {
    if (!iso) return '–';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return String(iso);
    const s = d.toISOString().replace('T', ' ').replace('Z', '');
    return withMs === false ? s.slice(0, 19) : s;
  }
  function fmtAgo(iso) {
    if (!iso) return 'never';
    const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
    if (s < 60) return s + ' s ago';
    if (s < 3600) return Math.round(s / 60) + ' min ago';
    if (s < 86400) return Math.round(s / 3600) + ' h ago';
    return Math.round(s / 86400) + ' d ago';
  }
  function fmtDuration(ms) {
    if (ms === null || ms === undefined) return '–';
    if (ms < 1000) return Math.round(ms * 10) / 10 + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(2) + ' s';
    return (ms / 60000).toFixed(1) + ' min';
  }

  const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];
  function levelBadge(level) {
    const l = LEVELS.includes(level) ? level : 'INFO';
    return el('span', { className: 'lvl lvl-' + l, text: level || '–' });
  }
  function statusClass(code) { return code ? 'status-' + String(code)[0] : ''; }

  /** Level colours as chart.js needs them (canvas cannot read CSS variables by itself). */
  function cssVar(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
  function levelColor(level) {
    const map = { TRACE: '--trace', DEBUG: '--debug', INFO: '--info', WARNING: '--warn', ERROR: '--err', CRITICAL: '--crit' };
    return cssVar(map[level] || '--accent');
  }

  let toastTimer;
  function toast(message, kind) {
    const node = document.getElementById('toast');
    if (!node) return;
    node.textContent = message;
    node.className = 'toast' + (kind === 'error' ? ' toast-error' : '');
    node.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { node.hidden = true; }, 4000);
  }

  /** Time ranges: `24h` → date_from=now-24h; `custom` uses the from/to inputs (UTC). */
  const RANGES = ['15m', '1h', '6h', '24h', '7d', '30d'];
  const RANGE_MS = { m: 60000, h: 3600000, d: 86400000 };
  function rangeMs(range) {
    const m = /^(\d+)([mhd])$/.exec(range || '');
    return m ? Number(m[1]) * RANGE_MS[m[2]] : null;
  }
  function rangeParams(range, from, to) {
    if (RANGES.includes(range)) return { date_from: 'now-' + range };
    if (range === 'custom') {
      const out = {};
      if (from) out.date_from = from;
      if (to) out.date_to = to;
      return out;
    }
    return {};
  }
  /** Wires a time-range select and its custom inputs; `onChange` runs when the range changes. */
  function bindRange(root, state, onChange) {
    const select = root.querySelector('#range');
    const from = root.querySelector('#range-from');
    const to = root.querySelector('#range-to');
    const customs = root.querySelectorAll('[data-custom-range]');
    const sync = () => customs.forEach((n) => { n.hidden = select.value !== 'custom'; });
    select.value = state.range || '24h';
    if (from) from.value = state.from || '';
    if (to) to.value = state.to || '';
    sync();
    select.addEventListener('change', () => {
      sync();
      if (select.value !== 'custom') onChange({ range: select.value, from: '', to: '' });
      else if (from) from.focus();
    });
    const custom = () => { if (select.value === 'custom') onChange({ range: 'custom', from: from.value, to: to.value }); };
    if (from) from.addEventListener('change', custom);
    if (to) to.addEventListener('change', custom);
    return {
      set(next) { select.value = next.range; if (from) from.value = next.from || ''; if (to) to.value = next.to || ''; sync(); },
    };
  }

  function query(params) {
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      out.set(k, Array.isArray(v) ? v.join(',') : String(v));
    }
    return out.toString();
  }

  /** A value as the query language writes it: bare when it is one plain word, else quoted. */
  function queryValue(value) {
    const text = String(value);
    return /^[\w.\-/@]+$/.test(text) && !/^(AND|OR|NOT|TO)$/.test(text) ? text : '"' + text.replace(/(["\\])/g, '\\$1') + '"';
  }
  /** `field:value`, `-field:value` (mode `out`) or `_exists_:field` (mode `exists`). */
  function filterClause(field, value, mode) {
    return mode === 'exists' ? '_exists_:' + queryValue(field) : (mode === 'out' ? '-' : '') + queryValue(field) + ':' + queryValue(value);
  }
  /** The query with `clause` ANDed on (an OR query put in parentheses first); as it was when it has it. */
  function withClause(q, clause) {
    const text = String(q || '').trim();
    if ((' ' + text + ' ').includes(' ' + clause + ' ')) return text;
    return text ? (/\bOR\b/.test(text) ? '(' + text + ') ' : text + ' ') + clause : clause;
  }

  /** The /search URL for stored filters (saved searches, history), whatever spelling they use. */
  function searchHref(filters) {
    const f = filters || {};
    const params = {
      q: f.q ?? f.query ?? '',
      level: f.level ?? f.levels,
      status_code: f.status_code ?? f.statusCodes,
      endpoint: f.endpoint, server: f.server, service: f.service, environment: f.environment,
      sort: f.sort === 'desc' ? undefined : f.sort,
      // The search page's own choices, kept with a saved search.
      columns: f.columns, per_page: f.per_page === 50 ? undefined : f.per_page,
    };
    if (f.range) { params.range = f.range; params.from = f.from; params.to = f.to; }
    else if (f.date_from || f.date_to) {
      const rel = /^now-(\d+[mhd])$/.exec(f.date_from || '');
      if (rel && !f.date_to && RANGES.includes(rel[1])) params.range = rel[1];
      else { params.range = 'custom'; params.from = f.date_from; params.to = f.date_to; }
    } else params.range = 'all';
    return '/search?' + query(params);
  }

  /** A one-line description of stored filters. */
  function describeFilters(filters) {
    const f = filters || {};
    const parts = [];
    const q = f.q ?? f.query;
    if (q) parts.push(q);
    const add = (k, v) => { if (v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length)) parts.push(k + '=' + (Array.isArray(v) ? v.join(',') : v)); };
    add('level', f.level ?? f.levels); add('status', f.status_code); add('endpoint', f.endpoint);
    add('service', f.service); add('server', f.server); add('range', f.range || f.date_from);
    return parts.length ? parts.join('  ·  ') : '(everything)';
  }

  /** The first array in an API answer: lists come as {items}, {searches}, {users}, ... */
  function listOf(data, ...keys) {
    if (Array.isArray(data)) return data;
    for (const k of keys) if (data && Array.isArray(data[k])) return data[k];
    if (data) for (const v of Object.values(data)) if (Array.isArray(v)) return v;
    return [];
  }

  function errorText(err) {
    if (err instanceof ApiError) return err.body.message || err.message;
    return err && err.message ? err.message : String(err);
  }

  function onReady(fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
    else fn();
  }

  /** Colour scheme: the OS's until the user picks one here (auto → dark → light → auto), kept per browser. */
  const THEMES = ['auto', 'dark', 'light'];
  function applyTheme(theme) {
    if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;
    else delete document.documentElement.dataset.theme;
    const button = document.getElementById('theme-toggle');
    if (button) button.textContent = 'Theme: ' + (THEMES.includes(theme) ? theme : 'auto');
  }
  let storedTheme = 'auto';
  try { storedTheme = localStorage.getItem('lognest-theme') || 'auto'; } catch (_) { /* storage off */ }
  applyTheme(storedTheme);

  onReady(() => {
    applyTheme(storedTheme);
    const toggle = document.getElementById('theme-toggle');
    if (toggle) toggle.addEventListener('click', () => {
      storedTheme = THEMES[(THEMES.indexOf(storedTheme) + 1) % THEMES.length];
      try { localStorage.setItem('lognest-theme', storedTheme); } catch (_) { /* storage off */ }
      applyTheme(storedTheme);
    });
    const logout = document.getElementById('logout');
    if (logout) logout.addEventListener('click', async () => {
      try { await api('POST', '/api/logout'); } catch (_) { /* signed out either way */ }
      location.assign('/login');
    });
  });

  /** A short tone for a loud notification (higher for critical); silent where audio is unavailable. */
  function beep(severity) {
    try {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      const audio = new Ctx();
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = severity === 'critical' ? 880 : 660;
      gain.gain.value = 0.08;
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.15);
      osc.onended = () => audio.close();
    } catch (_) { /* sound is a courtesy */ }
  }

  window.Lognest = {
    ApiError, api, csrf, el, clear, fmtNumber, fmtBytes, fmtTime, fmtAgo, fmtDuration, levelBadge, statusClass,
    levelColor, cssVar, toast, RANGES, rangeMs, rangeParams, bindRange, query, searchHref, describeFilters, listOf, queryValue, filterClause, withClause,
    errorText, onReady, LEVELS, beep,
  };
})();
