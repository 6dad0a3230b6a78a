/* Query help: autocomplete of field names, operators and a field's values (never whole messages
 * among the field names), and a warning when a field in the query exists in no record. The
 * Live page loads it too, without the rest of search (no LognestSearch there: no warning). */
(function () {
  'use strict';
  const L = window.Lognest;
  const S = window.LognestSearch;
  const { api, el, clear, query } = L;
  const OPERATORS = [['AND', 'both sides'], ['OR', 'either side'], ['NOT', 'not the next term'], ['_exists_:', 'the field has a value']];
  /** Every field of the tenant's records (top=0: names and counts only), loaded once. */
  let known = null;

  async function knownFields() {
    if (known) return known;
    try { known = (await api('GET', '/api/fields?' + query({ top: 0 }))).fields || []; } catch (_) { known = []; }
    return known;
  }

  /** Field names written as `name:` in the query (not inside quotes or a regex). */
  function fieldsInQuery(q) {
    const bare = q.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\/(?:[^/\\]|\\.)*\//g, '//');
    const out = new Set();
    for (const m of bare.matchAll(/(?:^|[\s(])-?([A-Za-z_@][\w@.\-]*):/g)) if (m[1] !== '_exists_') out.add(m[1]);
    for (const m of bare.matchAll(/_exists_:([\w@.\-]+)/g)) out.add(m[1]);
    return [...out];
  }

  async function warnUnknown() {
    const box = document.getElementById('query-warning');
    const names = fieldsInQuery(S.state.q);
    if (!names.length) { box.hidden = true; return; }
    const fields = await knownFields();
    const present = new Set(fields.filter((f) => f.count > 0 || f.canonical).map((f) => f.name));
    const missing = names.filter((n) => !present.has(n) && !present.has(n.replace(/^fields\./, '')));
    box.hidden = missing.length === 0;
    box.textContent = missing.length ? 'No record has ' + (missing.length === 1 ? 'the field ' : 'the fields ') + missing.join(', ') + '.' : '';
  }

  function bind() {
    const input = document.getElementById('q');
    const list = document.getElementById('suggestions');
    let active = -1;
    let items = [];
    let seq = 0;
    const token = () => {
      const caret = input.selectionStart ?? input.value.length;
      const m = /(?:^|[\s(])(-?)([^\s()]*)$/.exec(input.value.slice(0, caret));
      const text = m ? m[2] : '';
      return { start: caret - text.length, end: caret, text };
    };
    const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant'); active = -1; items = []; };
    const highlight = (i) => {
      active = i;
      [...list.querySelectorAll('[role=option]')].forEach((n, j) => n.setAttribute('aria-selected', String(j === i)));
      const node = document.getElementById('sugg-' + i);
      if (node) { input.setAttribute('aria-activedescendant', node.id); node.scrollIntoView({ block: 'nearest' }); }
    };
    const accept = (i) => {
      const item = items[i];
      if (!item) return;
      const t = token();
      input.value = input.value.slice(0, t.start) + item.insert + input.value.slice(t.end);
      const caret = t.start + item.insert.length;
      input.setSelectionRange(caret, caret);
      close();
      if (item.insert.endsWith(':')) update();
    };
    async function update() {
      const my = ++seq;
      const t = token();
      const next = [];
      const colon = t.text.indexOf(':');
      if (colon > 0) {
        const field = t.text.slice(0, colon);
        const prefix = t.text.slice(colon + 1).replace(/^"/, '');
        if (field === '_exists_') {
          for (const f of await knownFields()) if (f.name.startsWith(prefix) && (f.count > 0)) next.push({ label: f.name, kind: 'field', insert: '_exists_:' + f.name + ' ' });
        } else {
          try {
            const values = (await api('GET', '/api/autocomplete/values?' + query({ field, q: prefix }))).values || [];
            for (const v of values) { const s = String(v); next.push({ label: s, kind: field, insert: field + ':' + L.queryValue(s) + ' ' }); }
          } catch (_) { /* no values for an unknown field */ }
        }
      } else if (t.text.length > 0) {
        const lower = t.text.toLowerCase();
        for (const f of await knownFields()) if (f.count > 0 && f.name.toLowerCase().startsWith(lower)) next.push({ label: f.name + ':', kind: 'field · ' + f.type, insert: f.name + ':' });
        for (const [op, help] of OPERATORS) if (op.toLowerCase().startsWith(lower)) next.push({ label: op, kind: 'operator · ' + help, insert: op.endsWith(':') ? op : op + ' ' });
      }
      if (my !== seq) return;
      items = next.slice(0, 15);
      clear(list);
      if (!items.length || document.activeElement !== input) return close();
      items.forEach((item, i) => list.append(el('li', {
        attrs: { role: 'option', id: 'sugg-' + i, 'aria-selected': 'false' },
        on: { mousedown: (e) => { e.preventDefault(); accept(i); } },
      }, el('span', { text: item.label }), el('span', { className: 'kind', text: item.kind }))));
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      active = -1;
    }
    let debounce;
    input.addEventListener('input', () => { clearTimeout(debounce); debounce = setTimeout(update, 120); });
    input.addEventListener('blur', () => setTimeout(close, 100));
    input.addEventListener('keydown', (e) => {
      if (list.hidden) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); highlight(Math.min(items.length - 1, active + 1)); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(Math.max(0, active - 1)); }
      else if ((e.key === 'Enter' || e.key === 'Tab') && active >= 0) { e.preventDefault(); accept(active); }
      else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); }
    });
  }

  if (S) {
    S.fieldsInQuery = fieldsInQuery;
    S.on('results', warnUnknown);
  }
  L.onReady(bind);
})();
