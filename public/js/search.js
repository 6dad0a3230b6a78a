/* Search page wiring: the form, running a search (results, histogram, sidebar hear of it through
 * LognestSearch events), paging, keyboard, save and export. The pieces live beside it:
 * search-state (URL state, filters), search-results (table), search-sidebar (fields),
 * search-histogram, search-time (time picker), search-detail (record panel), search-autocomplete.
 * Other features hook in with S.on('results' | 'search' | 'record' | 'error', fn) and the page's
 * #result-actions and #search-tabs containers. */
(function () {
  'use strict';
  const L = window.Lognest;
  const S = window.LognestSearch;
  const { api, el, fmtNumber } = L;
  let rangeControl = null;
  let lastQuery = null;

  function fillForm() {
    const form = document.getElementById('search-form');
    const s = S.state;
    form.q.value = s.q;
    form.querySelectorAll('input[name=level]').forEach((c) => { c.checked = s.level.includes(c.value); });
    for (const f of S.FILTERS) form.elements[f].value = s[f];
    form.sort.value = s.sort;
    document.getElementById('per-page').value = String(s.per_page);
    rangeControl.set(s);
  }
  function readForm() {
    const form = document.getElementById('search-form');
    const s = S.state;
    s.q = form.q.value.trim();
    s.level = [...form.querySelectorAll('input[name=level]:checked')].map((c) => c.value);
    for (const f of S.FILTERS) s[f] = form.elements[f].value.trim();
    s.sort = form.sort.value;
  }

  function showQueryError(err) {
    const box = L.clear(document.getElementById('query-error'));
    const body = err.body || {};
    const input = document.getElementById('q');
    if (body.error === 'query_syntax') {
      box.append(el('strong', { text: 'Query syntax error: ' }), body.message || '');
      if (typeof body.position === 'number') {
        box.append(el('pre', { text: S.state.q + '\n' + ' '.repeat(Math.max(0, body.position)) + '^' }));
        input.focus();
        try { input.setSelectionRange(body.position, body.position); } catch (_) { /* not focusable */ }
      }
    } else {
      box.append(el('strong', { text: err.status === 400 ? 'Invalid search: ' : 'Search failed: ' }), L.errorText(err));
    }
    input.setAttribute('aria-invalid', 'true');
    box.hidden = false;
  }
  function hideQueryError() {
    document.getElementById('query-error').hidden = true;
    document.getElementById('q').removeAttribute('aria-invalid');
  }

  function renderPager(data) {
    const pager = document.getElementById('pager');
    pager.hidden = !data || !data.total;
    if (!data) return;
    document.getElementById('page-info').textContent = data.total ? 'Page ' + fmtNumber(data.page) + ' of ' + fmtNumber(data.total_pages) : '';
    document.getElementById('page-prev').disabled = !data.has_prev;
    document.getElementById('page-first').disabled = !data.has_prev;
    document.getElementById('page-next').disabled = !data.has_next;
  }

  let searchSeq = 0;
  async function run() {
    const seq = ++searchSeq;
    document.body.dataset.searching = 'true';
    const key = JSON.stringify(S.apiFilters());
    if (lastQuery !== null && key !== lastQuery) S.closeRecord();
    lastQuery = key;
    S.emit('search', S.state);
    try {
      const data = await api('POST', '/api/search', { ...S.apiFilters(), page: S.state.page, per_page: S.state.per_page });
      if (seq !== searchSeq) return;
      hideQueryError();
      document.getElementById('result-count').textContent = fmtNumber(data.total) + (data.total === 1 ? ' hit' : ' hits');
      document.getElementById('result-time').textContent = 'in ' + data.execution_time_ms + ' ms';
      S.renderResults(data);
      renderPager(data);
      S.emit('results', data);
    } catch (err) {
      if (seq !== searchSeq) return;
      if (err.status === 400) showQueryError(err);
      else L.toast(L.errorText(err), 'error');
      // Nothing of the failed search stays on screen: results, histogram, pager, fields.
      S.clearResults('No results: fix the search above.');
      renderPager(null);
      document.getElementById('result-count').textContent = '–';
      document.getElementById('result-time').textContent = '';
      S.emit('error', err);
    } finally {
      if (seq === searchSeq) document.body.dataset.searching = 'false';
    }
  }
  S.refresh = function (push) {
    S.state.page = S.state.page || 1;
    fillForm();
    S.writeUrl(push !== false);
    return run();
  };

  function bindSave() {
    const dialog = document.getElementById('save-dialog');
    const form = document.getElementById('save-form');
    const error = document.getElementById('save-error');
    document.getElementById('save-search').addEventListener('click', () => {
      error.hidden = true;
      form.name.value = S.state.q || 'Untitled search';
      dialog.showModal();
      form.name.select();
    });
    document.getElementById('save-cancel').addEventListener('click', () => dialog.close());
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const s = S.state;
      const filters = { ...S.apiFilters(), range: s.range, from: s.range === 'custom' ? s.from : undefined, to: s.range === 'custom' ? s.to : undefined, per_page: s.per_page, columns: S.customColumns() ? s.columns : undefined };
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
    const form = L.clear(document.getElementById('export-form'));
    const fields = { ...S.apiFilters(), format: kind === 'ndjson' ? 'ndjson' : 'csv', gzip: kind === 'csv.gz' ? 'true' : '', _csrf: await L.csrf() };
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined || value === '') continue;
      form.append(el('input', { type: 'hidden', attrs: { name, value } }));
    }
    form.submit();
  }

  function bindKeys() {
    const help = document.getElementById('keys-dialog');
    document.getElementById('keys-close').addEventListener('click', () => help.close());
    document.getElementById('keys-open').addEventListener('click', () => help.showModal());
    document.addEventListener('keydown', (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      if (e.key === 'Escape') {
        if (typing) { document.activeElement.blur(); return; }
        if (S.isRecordOpen()) { e.preventDefault(); S.closeRecord(); }
        return;
      }
      if (typing) return;
      if (e.key === '/') { e.preventDefault(); document.getElementById('q').focus(); }
      else if (e.key === 'j') { e.preventDefault(); S.moveSelection(1); }
      else if (e.key === 'k') { e.preventDefault(); S.moveSelection(-1); }
      else if (e.key === '?') { e.preventDefault(); help.showModal(); }
    });
  }

  L.onReady(() => {
    S.readUrl();
    const form = document.getElementById('search-form');
    rangeControl = L.bindRange(form, S.state, (next) => { Object.assign(S.state, next); S.state.page = 1; S.refresh(true); });
    fillForm();
    const submit = () => { readForm(); S.state.page = 1; S.refresh(true); };
    form.addEventListener('submit', (e) => { e.preventDefault(); submit(); });
    form.querySelectorAll('input[name=level]').forEach((c) => c.addEventListener('change', submit));
    form.sort.addEventListener('change', submit);
    for (const f of S.FILTERS) form.elements[f].addEventListener('change', submit);
    document.getElementById('clear-filters').addEventListener('click', () => {
      Object.assign(S.state, { q: '', level: [], status_code: '', endpoint: '', service: '', server: '', page: 1 });
      S.refresh(true);
    });
    document.getElementById('per-page').addEventListener('change', (e) => { S.state.per_page = Number(e.target.value); S.state.page = 1; S.refresh(true); });
    const go = (page) => { S.state.page = page; S.refresh(true).then(() => document.querySelector('.results-wrap').scrollTo(0, 0)); };
    document.getElementById('page-first').addEventListener('click', () => go(1));
    document.getElementById('page-prev').addEventListener('click', () => go(Math.max(1, S.state.page - 1)));
    document.getElementById('page-next').addEventListener('click', () => go(S.state.page + 1));
    document.querySelectorAll('[data-export]').forEach((b) => b.addEventListener('click', () => exportAs(b.dataset.export)));
    window.addEventListener('popstate', () => { const open = new URLSearchParams(location.search).get('open'); S.readUrl(); fillForm(); run().then(() => { if (open) S.openById(open); }); });
    bindSave();
    bindKeys();
    const open = S.state.open;
    run().then(() => { if (open) S.openById(open); });
  });
})();
