/* Search: the URL holds the whole search (q, filters, range, page, per_page, sort), so a
 * search can be shared and reloaded. Results, histogram, detail panel, autocomplete, save, export. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { api, el, clear, fmtNumber, query } = L;
  const FILTERS = ['status_code', 'endpoint', 'service', 'server'];
  const INTERVALS = [['1m', 60e3], ['5m', 300e3], ['15m', 900e3], ['30m', 1800e3], ['1h', 3600e3], ['3h', 10800e3], ['12h', 43200e3], ['1d', 86400e3]];
  let state = {};
  let histogram = null;
  let buckets = [];
  let bucketMs = 0;
  let selectedId = null;
  let rangeControl = null;
  let results = [];

  function readUrl() {
    const p = new URLSearchParams(location.search);
    state = {
      q: p.get('q') || '',
      level: (p.get('level') || '').split(',').filter(Boolean),
      status_code: p.get('status_code') || '', endpoint: p.get('endpoint') || '', service: p.get('service') || '', server: p.get('server') || '',
      range: p.get('range') || '24h', from: p.get('from') || '', to: p.get('to') || '',
      page: Math.max(1, Number(p.get('page')) || 1), per_page: Number(p.get('per_page')) || 50, sort: p.get('sort') === 'asc' ? 'asc' : 'desc',
      open: p.get('open') || '',
    };
  }
  function urlParams() {
    return {
      q: state.q, level: state.level, status_code: state.status_code, endpoint: state.endpoint, service: state.service, server: state.server,
      range: state.range, from: state.range === 'custom' ? state.from : '', to: state.range === 'custom' ? state.to : '',
      page: state.page > 1 ? state.page : '', per_page: state.per_page !== 50 ? state.per_page : '', sort: state.sort !== 'desc' ? state.sort : '',
    };
  }
  function writeUrl(push) {
    const url = location.pathname + '?' + query(urlParams());
    if (url !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', url);
  }
  /** The search as the API takes it (POST /api/search, /api/export, saved searches). */
  function apiFilters() {
    const out = { q: state.q, ...L.rangeParams(state.range, state.from, state.to) };
    if (state.level.length) out.level = state.level.join(',');
    for (const f of FILTERS) if (state[f]) out[f] = state[f];
    out.sort = state.sort;
    return out;
  }

  // ---- form <-> state
  function fillForm() {
    const form = document.getElementById('search-form');
    form.q.value = state.q;
    form.querySelectorAll('input[name=level]').forEach((c) => { c.checked = state.level.includes(c.value); });
    for (const f of FILTERS) form.elements[f].value = state[f];
    form.sort.value = state.sort;
    document.getElementById('per-page').value = String(state.per_page);
    rangeControl.set(state);
  }
  function readForm() {
    const form = document.getElementById('search-form');
    state.q = form.q.value.trim();
    state.level = [...form.querySelectorAll('input[name=level]:checked')].map((c) => c.value);
    for (const f of FILTERS) state[f] = form.elements[f].value.trim();
    state.sort = form.sort.value;
    state.range = form.range.value;
    state.from = form.from.value;
    state.to = form.to.value;
  }

  // ---- running a search
  function showQueryError(err) {
    const box = clear(document.getElementById('query-error'));
    const body = err.body || {};
    const input = document.getElementById('q');
    if (body.error === 'query_syntax') {
      box.append(el('strong', { text: 'Query syntax error: ' }), body.message || '');
      if (typeof body.position === 'number') {
        box.append(el('pre', { text: state.q + '\n' + ' '.repeat(Math.max(0, body.position)) + '^' }));
        input.focus();
        try { input.setSelectionRange(body.position, body.position); } catch (_) { /* not focusable */ }
      }
    } else {
      box.append(el('strong', { text: (err.status === 400 ? 'Invalid search: ' : 'Search failed: ') }), L.errorText(err));
    }
    input.setAttribute('aria-invalid', 'true');
    box.hidden = false;
  }
  function hideQueryError() {
    document.getElementById('query-error').hidden = true;
    document.getElementById('q').removeAttribute('aria-invalid');
  }

  let searchSeq = 0;
  async function run() {
    const seq = ++searchSeq;
    document.body.dataset.searching = 'true';
    const body = { ...apiFilters(), page: state.page, per_page: state.per_page };
    const tbody = document.getElementById('results-body');
    try {
      const [data] = await Promise.all([api('POST', '/api/search', body), loadHistogram(seq)]);
      if (seq !== searchSeq) return;
      hideQueryError();
      renderResults(data);
    } catch (err) {
      if (seq !== searchSeq) return;
      if (err.status === 400) showQueryError(err);
      else L.toast(L.errorText(err), 'error');
      clear(tbody).append(el('tr', null, el('td', { className: 'empty', attrs: { colspan: 7 }, text: 'No results: fix the search above.' })));
      document.getElementById('result-count').textContent = '–';
    } finally {
      if (seq === searchSeq) document.body.dataset.searching = 'false';
    }
  }

  function renderResults(data) {
    results = data.results || [];
    document.getElementById('result-count').textContent = fmtNumber(data.total) + (data.total === 1 ? ' hit' : ' hits');
    document.getElementById('result-time').textContent = 'in ' + data.execution_time_ms + ' ms';
    const tbody = clear(document.getElementById('results-body'));
    if (!results.length) tbody.append(el('tr', null, el('td', { className: 'empty', attrs: { colspan: 7 }, text: 'No logs match this search and time range.' })));
    for (const r of results) {
      const row = el('tr', {
        className: 'lvl-row-' + r.level,
        attrs: { tabindex: 0, 'aria-selected': String(r.id === selectedId) },
        dataset: { id: r.id },
        on: {
          click: () => openDetail(r, row),
          keydown: (e) => {
            if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); openDetail(r, row); }
            else if (e.key === 'ArrowDown' && row.nextElementSibling) { e.preventDefault(); row.nextElementSibling.focus(); }
            else if (e.key === 'ArrowUp' && row.previousElementSibling) { e.preventDefault(); row.previousElementSibling.focus(); }
          },
        },
      },
      el('td', { className: 'time', text: L.fmtTime(r['@timestamp']) }),
      el('td', null, L.levelBadge(r.level)),
      el('td', { className: 'nowrap', text: r.service || '' }),
      el('td', { className: 'mono nowrap', text: r.endpoint || '' }),
      el('td', { className: 'num ' + L.statusClass(r.status_code), text: r.status_code ?? '' }),
      el('td', { className: 'num', text: r.response_time_ms ?? '' }),
      el('td', { className: 'msg', text: r.message }));
      tbody.append(row);
    }
    document.getElementById('page-info').textContent = data.total ? 'Page ' + fmtNumber(data.page) + ' of ' + fmtNumber(data.total_pages) : '';
    document.getElementById('page-prev').disabled = !data.has_prev;
    document.getElementById('page-first').disabled = !data.has_prev;
    document.getElementById('page-next').disabled = !data.has_next;
  }

  // ---- histogram
  function histogramWindow() {
    const now = Date.now();
    if (state.range === 'custom') {
      const from = state.from ? Date.parse(state.from + (/[zZ]|[+-]\d\d:?\d\d$/.test(state.from) ? '' : 'Z')) : now - 86400e3;
      const to = state.to ? Date.parse(state.to + (/[zZ]|[+-]\d\d:?\d\d$/.test(state.to) ? '' : 'Z')) : now;
      return { span: Math.max(60e3, to - from), params: L.rangeParams('custom', state.from, state.to) };
    }
    if (state.range === 'all') return { span: 30 * 86400e3, params: { date_from: 'now-30d' } };
    return { span: L.rangeMs(state.range) || 86400e3, params: L.rangeParams(state.range) };
  }
  function pickInterval(span) {
    for (const [name, ms] of INTERVALS) if (span / ms <= 120) return [name, ms];
    return INTERVALS[INTERVALS.length - 1];
  }
  async function loadHistogram(seq) {
    const w = histogramWindow();
    const [interval, ms] = pickInterval(w.span);
    const f = apiFilters();
    const params = { ...f, ...w.params, interval };
    delete params.sort;
    let data;
    try { data = await api('GET', '/api/metrics/timeseries?' + query(params)); } catch (_) { return; }
    if (seq !== searchSeq) return;
    buckets = data.buckets || [];
    bucketMs = ms;
    document.getElementById('histogram-info').textContent = 'Volume per ' + interval + (state.range === 'all' ? ' (last 30 days)' : '') + ' — click a bar to zoom in';
    const labels = buckets.map((b) => L.fmtTime(b.time, false).slice(5, 16));
    const present = L.LEVELS.filter((lvl) => buckets.some((b) => b.counts && b.counts[lvl]));
    const datasets = present.map((lvl) => ({ label: lvl, data: buckets.map((b) => (b.counts && b.counts[lvl]) || 0), backgroundColor: L.levelColor(lvl), stack: 'v', borderWidth: 0 }));
    if (histogram) {
      histogram.data.labels = labels;
      histogram.data.datasets = datasets;
      histogram.update('none');
      return;
    }
    const muted = L.cssVar('--muted');
    histogram = new window.Chart(document.getElementById('histogram'), {
      type: 'bar',
      data: { labels, datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: true, position: 'right', labels: { color: muted, boxWidth: 10, font: { size: 11 } } }, tooltip: { mode: 'index', intersect: false } },
        scales: { x: { stacked: true, ticks: { color: muted, maxRotation: 0, autoSkipPadding: 16, font: { size: 11 } }, grid: { display: false } },
          y: { stacked: true, beginAtZero: true, ticks: { color: muted, precision: 0, maxTicksLimit: 4, font: { size: 11 } }, grid: { color: L.cssVar('--border') } } },
        onClick: (_event, elements) => { if (elements.length) zoomTo(elements[0].index); },
        onHover: (event, elements) => { event.native.target.style.cursor = elements.length ? 'zoom-in' : 'default'; },
      },
    });
  }
  function zoomTo(index) {
    const b = buckets[index];
    if (!b) return;
    const start = new Date(b.time).getTime();
    const iso = (ms) => new Date(ms).toISOString().slice(0, 19);
    state.range = 'custom';
    state.from = iso(start);
    state.to = iso(start + bucketMs - 1);
    state.page = 1;
    rangeControl.set(state);
    writeUrl(true);
    run();
  }

  // ---- detail panel
  async function openDetail(record, row) {
    selectedId = record.id;
    document.querySelectorAll('#results-body tr[aria-selected="true"]').forEach((r) => r.setAttribute('aria-selected', 'false'));
    if (row) row.setAttribute('aria-selected', 'true');
    const panel = document.getElementById('detail');
    document.getElementById('search-layout').classList.add('with-detail');
    panel.hidden = false;
    document.getElementById('detail-title').textContent = record.level + ' · ' + L.fmtTime(record['@timestamp']);
    document.getElementById('detail-message').textContent = record.message;
    const trace = document.getElementById('detail-trace');
    trace.hidden = !record.correlation_id;
    if (record.correlation_id) trace.setAttribute('href', '/trace/' + encodeURIComponent(record.correlation_id));
    const dl = clear(document.getElementById('detail-fields'));
    const entries = Object.entries(record).filter(([k, v]) => k !== 'fields' && k !== 'message' && v !== null && v !== '' && !(Array.isArray(v) && !v.length));
    for (const [k, v] of Object.entries(record.fields || {})) entries.push(['fields.' + k, v]);
    for (const [k, v] of entries) {
      const value = typeof v === 'object' ? JSON.stringify(v) : String(v);
      const name = k.startsWith('fields.') ? k.slice(7) : k;
      dl.append(el('dt', { text: k }), el('dd', null, el('a', {
        href: '/search?' + query({ ...urlParams(), page: '', q: name + ':"' + value.replace(/(["\\])/g, '\\$1') + '"' }),
        text: value, title: 'Search for ' + name + ' = this value',
      })));
    }
    document.getElementById('detail-raw').textContent = JSON.stringify(record, null, 2);
    const ctx = clear(document.getElementById('detail-context'));
    ctx.append(el('li', { className: 'muted', text: 'Loading…' }));
    try {
      const around = await api('GET', '/api/logs/' + encodeURIComponent(record.id) + '/context?before=10&after=10');
      if (selectedId !== record.id) return;
      clear(ctx);
      const line = (r, current) => el('li', { className: current ? 'current' : '', attrs: current ? { 'aria-current': 'true' } : {} },
        el('span', { className: 't', text: L.fmtTime(r['@timestamp']).slice(11) }), L.levelBadge(r.level), el('span', { text: (r.service ? '[' + r.service + '] ' : '') + r.message }));
      for (const r of around.before) ctx.append(line(r, false));
      ctx.append(line(around.record, true));
      for (const r of around.after) ctx.append(line(r, false));
    } catch (err) {
      clear(ctx).append(el('li', { className: 'muted', text: 'Could not load surrounding logs: ' + L.errorText(err) }));
    }
  }
  function closeDetail() {
    selectedId = null;
    document.getElementById('detail').hidden = true;
    document.getElementById('search-layout').classList.remove('with-detail');
    const row = document.querySelector('#results-body tr[aria-selected="true"]');
    if (row) { row.setAttribute('aria-selected', 'false'); row.focus(); }
  }
  async function openById(id) {
    try {
      const data = await api('GET', '/api/logs/' + encodeURIComponent(id));
      openDetail(data.result, document.querySelector('#results-body tr[data-id="' + CSS.escape(id) + '"]'));
    } catch (_) { /* the record may be gone */ }
  }

  // ---- save and export
  function bindSave() {
    const dialog = document.getElementById('save-dialog');
    const form = document.getElementById('save-form');
    const error = document.getElementById('save-error');
    document.getElementById('save-search').addEventListener('click', () => {
      error.hidden = true;
      form.name.value = state.q || 'Untitled search';
      dialog.showModal();
      form.name.select();
    });
    document.getElementById('save-cancel').addEventListener('click', () => dialog.close());
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const filters = { ...apiFilters(), range: state.range, from: state.range === 'custom' ? state.from : undefined, to: state.range === 'custom' ? state.to : undefined, per_page: state.per_page };
      try {
        await api('POST', '/api/search/save', { name: form.name.value.trim(), description: form.description.value.trim(), filters });
        dialog.close();
        L.toast('Saved "' + form.name.value.trim() + '"');
      } catch (err) {
        error.textContent = L.errorText(err);
        error.hidden = false;
      }
    });
  }
  async function exportAs(kind) {
    const form = clear(document.getElementById('export-form'));
    const fields = { ...apiFilters(), format: kind === 'ndjson' ? 'ndjson' : 'csv', gzip: kind === 'csv.gz' ? 'true' : '', _csrf: await L.csrf() };
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined || value === '') continue;
      form.append(el('input', { type: 'hidden', attrs: { name, value } }));
    }
    form.submit();
  }

  // ---- autocomplete
  function bindAutocomplete() {
    const input = document.getElementById('q');
    const list = document.getElementById('suggestions');
    let fields = null;
    let active = -1;
    let items = [];
    let seq = 0;
    const loadFields = async () => {
      if (fields) return fields;
      try { fields = (await api('GET', '/api/fields')).fields || []; } catch (_) { fields = []; }
      for (const f of fields) {
        const dl = document.getElementById('dl-' + f.name);
        if (dl && Array.isArray(f.top_values)) for (const v of f.top_values) dl.append(el('option', { attrs: { value: typeof v === 'object' ? v.value : v } }));
      }
      return fields;
    };
    const token = () => {
      const caret = input.selectionStart ?? input.value.length;
      const before = input.value.slice(0, caret);
      const m = /(?:^|[\s(])(-?)([^\s()]*)$/.exec(before);
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
      const value = input.value;
      input.value = value.slice(0, t.start) + item.insert + value.slice(t.end);
      const caret = t.start + item.insert.length;
      input.setSelectionRange(caret, caret);
      close();
      if (item.insert.endsWith(':')) update();
    };
    const quote = (v) => (/^[\w.\-/@]+$/.test(v) ? v : '"' + v.replace(/(["\\])/g, '\\$1') + '"');
    async function update() {
      const my = ++seq;
      const t = token();
      const next = [];
      const colon = t.text.indexOf(':');
      if (colon > 0) {
        const field = t.text.slice(0, colon);
        const prefix = t.text.slice(colon + 1).replace(/^"/, '');
        try {
          const values = field === 'endpoint'
            ? (await api('GET', '/api/autocomplete/endpoints?' + query({ q: prefix }))).endpoints
            : (await api('GET', '/api/autocomplete/values?' + query({ field, q: prefix }))).values;
          for (const v of values || []) { const s = typeof v === 'object' ? String(v.value) : String(v); next.push({ label: s, kind: field, insert: field + ':' + quote(s) + ' ' }); }
        } catch (_) { /* no suggestions for an unknown field */ }
      } else if (t.text.length > 0) {
        const all = await loadFields();
        for (const f of all) if (f.name.toLowerCase().startsWith(t.text.toLowerCase())) next.push({ label: f.name + ':', kind: 'field · ' + f.type, insert: f.name + ':' });
        if (t.text.length >= 2) {
          try {
            const msgs = (await api('GET', '/api/autocomplete/messages?' + query({ q: t.text }))).messages || [];
            for (const m of msgs) { const s = typeof m === 'object' ? String(m.value) : String(m); next.push({ label: s, kind: 'message', insert: quote(s) + ' ' }); }
          } catch (_) { /* ignore */ }
        }
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
    input.addEventListener('focus', loadFields, { once: true });
    input.addEventListener('blur', () => setTimeout(close, 100));
    input.addEventListener('keydown', (e) => {
      if (list.hidden) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); highlight(Math.min(items.length - 1, active + 1)); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(Math.max(0, active - 1)); }
      else if ((e.key === 'Enter' || e.key === 'Tab') && active >= 0) { e.preventDefault(); accept(active); }
      else if (e.key === 'Escape') { e.preventDefault(); close(); }
    });
    loadFields();
  }

  // ---- wiring
  L.onReady(() => {
    readUrl();
    const form = document.getElementById('search-form');
    rangeControl = L.bindRange(form, state, (next) => { Object.assign(state, next); state.page = 1; writeUrl(true); run(); });
    fillForm();
    form.addEventListener('submit', (e) => { e.preventDefault(); readForm(); state.page = 1; writeUrl(true); run(); });
    form.querySelectorAll('input[name=level]').forEach((c) => c.addEventListener('change', () => { readForm(); state.page = 1; writeUrl(true); run(); }));
    form.sort.addEventListener('change', () => { readForm(); state.page = 1; writeUrl(true); run(); });
    for (const f of FILTERS) form.elements[f].addEventListener('change', () => { readForm(); state.page = 1; writeUrl(true); run(); });
    document.getElementById('clear-filters').addEventListener('click', () => {
      Object.assign(state, { q: '', level: [], status_code: '', endpoint: '', service: '', server: '', page: 1 });
      fillForm(); writeUrl(true); run();
    });
    document.getElementById('per-page').addEventListener('change', (e) => { state.per_page = Number(e.target.value); state.page = 1; writeUrl(true); run(); });
    const go = (page) => { state.page = page; writeUrl(true); run().then(() => document.querySelector('.results-wrap').scrollTo(0, 0)); };
    document.getElementById('page-first').addEventListener('click', () => go(1));
    document.getElementById('page-prev').addEventListener('click', () => go(Math.max(1, state.page - 1)));
    document.getElementById('page-next').addEventListener('click', () => go(state.page + 1));
    document.getElementById('detail-close').addEventListener('click', closeDetail);
    document.addEventListener('keydown', (e) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      if (e.key === '/' && !typing) { e.preventDefault(); document.getElementById('q').focus(); }
      if (e.key === 'Escape' && !document.getElementById('detail').hidden && !document.querySelector('dialog[open]')) closeDetail();
    });
    document.querySelectorAll('[data-export]').forEach((b) => b.addEventListener('click', () => exportAs(b.dataset.export)));
    window.addEventListener('popstate', () => { readUrl(); fillForm(); run(); });
    bindSave();
    bindAutocomplete();
    const open = state.open;
    run().then(() => { if (open) openById(open); });
  });
})();
