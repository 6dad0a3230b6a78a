/* The time picker: quick ranges, a typed range (`now-3h`, `2026-11-01 10:00 to now`, read as
 * UTC like the API), step back / forward by the range's length, zoom out (twice as long), and
 * the absolute From / To fields filled from the current range. */
(function () {
  'use strict';
  const L = window.Lognest;
  const S = window.LognestSearch;
  const UNIT = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 604800e3 };

  /** `now`, `now-15m`, `2026-11-01`, `2026-11-01 10:00[:ss]` → epoch ms (UTC), else NaN. */
  function parseTime(text, bound, now) {
    const v = String(text || '').trim();
    const rel = /^now(?:\s*([+-])\s*(\d+)\s*([smhdw]))?$/i.exec(v);
    if (rel) return rel[1] ? now + (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * UNIT[rel[3].toLowerCase()] : now;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return Date.parse(v + 'T00:00:00Z') + (bound === 'to' ? 86400e3 - 1 : 0);
    if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v)) return Date.parse(v.replace(' ', 'T') + 'Z');
    return Date.parse(v);
  }
  const iso = (ms) => new Date(ms).toISOString().slice(0, 19);

  /** The current range as epoch ms. */
  S.window = function () {
    const now = Date.now();
    const s = S.state;
    if (s.range === 'custom') {
      const from = s.from ? parseTime(s.from, 'from', now) : now - 86400e3;
      const to = s.to ? parseTime(s.to, 'to', now) : now;
      return { from: Number.isNaN(from) ? now - 86400e3 : from, to: Number.isNaN(to) ? now : to };
    }
    return { from: now - (L.rangeMs(s.range) || 30 * 86400e3), to: now };
  };
  /** Searches an absolute span. */
  S.setWindow = function (from, to) {
    Object.assign(S.state, { range: 'custom', from: iso(from), to: iso(to), page: 1 });
    S.refresh(true);
  };
  /** `A to B`, or `A` alone (to now): the range as typed, kept relative when written relative. */
  S.parseTypedRange = function (text) {
    const parts = String(text).split(/\s+to\s+/i);
    if (parts.length > 2 || !parts[0].trim()) return null;
    const from = parts[0].trim();
    const to = (parts[1] || 'now').trim();
    const now = Date.now();
    const a = parseTime(from, 'from', now);
    const b = parseTime(to, 'to', now);
    if (Number.isNaN(a) || Number.isNaN(b) || a > b) return null;
    return { from, to };
  };

  function describe() {
    const s = S.state;
    if (s.range === 'custom') return (s.from || 'now-24h') + ' to ' + (s.to || 'now');
    if (s.range === 'all') return 'all time';
    return 'now-' + s.range + ' to now';
  }

  function sync() {
    const text = document.getElementById('time-text');
    if (text && document.activeElement !== text) text.value = describe();
    const w = S.window();
    const from = document.getElementById('range-from');
    const to = document.getElementById('range-to');
    if (from && document.activeElement !== from) from.value = S.state.range === 'all' ? '' : iso(w.from);
    if (to && document.activeElement !== to) to.value = S.state.range === 'all' ? '' : iso(w.to);
  }

  function bind() {
    const text = document.getElementById('time-text');
    const error = document.getElementById('time-error');
    const apply = () => {
      const typed = S.parseTypedRange(text.value);
      error.hidden = typed !== null;
      if (!typed) { text.setAttribute('aria-invalid', 'true'); return; }
      text.removeAttribute('aria-invalid');
      Object.assign(S.state, { range: 'custom', from: typed.from, to: typed.to, page: 1 });
      S.refresh(true);
    };
    text.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); e.stopPropagation(); apply(); } });
    text.addEventListener('change', apply);
    const shift = (factor) => {
      const w = S.window();
      const span = w.to - w.from;
      S.setWindow(w.from + factor * span, w.to + factor * span);
    };
    document.getElementById('time-back').addEventListener('click', () => shift(-1));
    document.getElementById('time-forward').addEventListener('click', () => shift(1));
    document.getElementById('time-zoom-out').addEventListener('click', () => {
      const w = S.window();
      const span = w.to - w.from;
      S.setWindow(w.from - span / 2, w.to + span / 2);
    });
  }

  S.on('search', sync);
  L.onReady(bind);
})();
