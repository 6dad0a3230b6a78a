/* One custom dashboard: its widgets on a 12-column grid, the time picker and auto-refresh (both
 * in the URL, so a link shares exactly this view), and the editor for those who may change it. */
(function () {
  'use strict';
  const L = window.Lognest;
  const W = window.LognestWidgets;
  const E = window.LognestDashboardEditor;
  const { api, el, clear } = L;
  const REFRESH = { off: 0, '10s': 10, '30s': 30, '1m': 60, '5m': 300, '15m': 900, '1h': 3600 };
  const id = document.getElementById('dash-head').dataset.dashboardId;
  const base = '/api/dashboards/' + encodeURIComponent(id);

  let dashboard = null;
  let draft = null;
  const dataOf = new Map();
  const dirty = new Set();
  const view = { range: '24h', from: '', to: '', refresh: 'off', q: '' };
  let rangeControl = null;
  let timer = null;
  let loadSeq = 0;

  const current = () => draft || dashboard;
  const editing = () => draft !== null;
  const timeRange = () => (view.range === 'custom' ? { range: 'custom', from: view.from, to: view.to || null } : { range: view.range });
  const rangeQuery = () => ({ range: view.range, from: view.range === 'custom' ? view.from : '', to: view.range === 'custom' ? view.to : '' });

  function readUrl() {
    const p = new URLSearchParams(location.search);
    const t = dashboard.time_range;
    view.range = p.get('range') || t.range;
    view.from = p.get('range') ? p.get('from') || '' : t.from || '';
    view.to = p.get('range') ? p.get('to') || '' : t.to || '';
    view.refresh = p.get('refresh') || dashboard.refresh;
    view.q = p.get('q') || '';
    if (!(view.refresh in REFRESH)) view.refresh = 'off';
  }
  function writeUrl() {
    const t = dashboard.time_range;
    const sameRange = view.range === t.range && (view.range !== 'custom' || (view.from === t.from && (view.to || null) === t.to));
    const qs = L.query({ q: view.q, ...(sameRange ? {} : rangeQuery()), refresh: view.refresh !== dashboard.refresh ? view.refresh : '', edit: editing() ? '1' : '' });
    history.replaceState(null, '', location.pathname + (qs ? '?' + qs : ''));
  }

  function showError(message) {
    const box = document.getElementById('dash-error');
    box.textContent = message;
    box.hidden = !message;
  }

  function renderHead() {
    const d = current();
    document.getElementById('dash-name').textContent = d.name;
    document.title = d.name + ' · Lognest';
    const badge = document.getElementById('dash-visibility');
    badge.textContent = d.shared ? 'shared' : 'private';
    badge.className = 'badge' + (d.shared ? ' badge-info' : '');
    badge.hidden = false;
    document.getElementById('dash-owner').textContent = 'by ' + dashboard.owner.username;
    const description = document.getElementById('dash-description');
    description.textContent = d.description || '';
    description.hidden = !d.description;
    const toggle = document.getElementById('edit-toggle');
    toggle.hidden = !dashboard.can_edit || editing();
    document.getElementById('edit-bar').hidden = !editing();
    document.body.classList.toggle('dash-editing', editing());
  }

  /**
   * The widget's records on the search page: its query and the dashboard filter, its range;
   * `pick` (a clicked bar) adds `field:value` or narrows the range to one bucket.
   */
  function searchHref(w, pick) {
    const p = pick || {};
    const range = p.from ? { range: 'custom', from: p.from, to: p.to } : w.time_range ? { range: w.time_range.range } : rangeQuery();
    const parts = [w.query, view.q].filter(Boolean).map((q) => (/\bOR\b/.test(q) ? '(' + q + ')' : q));
    if (p.field) parts.push(p.field + ':' + L.queryValue(p.value));
    return '/search?' + L.query({ q: parts.join(' AND '), ...range });
  }
  const opener = (w) => (pick) => location.assign(searchHref(w, pick));

  /** One card per widget; while editing, with its controls, drag and resize handles. */
  function card(w) {
    const titleId = 'wt-' + w.id;
    const body = el('div', { className: 'widget-body', dataset: { label: w.title } });
    const head = el('div', { className: 'panel-head' },
      el('h2', { attrs: { id: titleId }, text: w.title }),
      w.time_range ? el('span', { className: 'badge', title: 'This widget keeps its own time range', text: 'last ' + w.time_range.range }) : null,
      el('span', { className: 'spacer' }),
      editing() ? E.controls(w, (action, a, b) => act(w.id, action, a, b)) : el('a', { className: 'btn btn-small', href: searchHref(w), text: 'Search', attrs: { 'aria-label': 'Search the records of ' + w.title } }));
    const node = el('section', { className: 'panel widget w-' + w.width + ' h-' + w.height, attrs: { role: 'listitem', 'aria-labelledby': titleId }, dataset: { widgetId: w.id, type: w.type } }, head, body);
    if (editing()) {
      E.bindDrag(node, w.id, (dragged, target) => { if (E.moveTo(draft, dragged, target)) renderGrid(); });
      E.bindResize(node, document.getElementById('grid'), w, (wid, width, height) => act(wid, 'resize', width, height));
    }
    const data = dataOf.get(w.id);
    if (data) W.render(body, data, editing() ? null : opener(w));
    else body.append(el('p', { className: 'empty', text: 'Loading…' }));
    return node;
  }

  function renderGrid() {
    const grid = clear(document.getElementById('grid'));
    const widgets = current().widgets;
    for (const w of widgets) grid.append(card(w));
    document.getElementById('grid-empty').hidden = widgets.length > 0;
  }

  function act(wid, action, a, b) {
    const w = draft.widgets.find((x) => x.id === wid);
    if (action === 'move' && E.move(draft, wid, a)) renderGrid();
    else if (action === 'resize' && E.resize(draft, wid, a, b)) renderGrid();
    else if (action === 'remove') { E.remove(draft, wid); renderGrid(); }
    else if (action === 'edit') {
      E.openWidgetDialog(w, timeRange, (body, data) => {
        draft.widgets[draft.widgets.indexOf(w)] = E.fromBody(body, w.id);
        dataOf.set(w.id, data);
        dirty.add(w.id);
        renderGrid();
      });
    }
  }

  /** Widget data: saved widgets in one GET, widgets changed in the editor through the preview call. */
  async function load() {
    const seq = ++loadSeq;
    try {
      const [saved, ...edited] = await Promise.all([
        api('GET', base + '/data?' + L.query({ ...rangeQuery(), q: view.q })),
        ...[...dirty].filter((wid) => current().widgets.some((w) => w.id === wid)).map((wid) => {
          const w = current().widgets.find((x) => x.id === wid);
          return api('POST', '/api/dashboards/widget-data', { widget: E.toBody(w), time_range: timeRange(), q: view.q }).then((r) => [wid, r.data]);
        }),
      ]);
      if (seq !== loadSeq) return;
      for (const [wid, data] of Object.entries(saved.widgets)) if (!dirty.has(wid)) dataOf.set(wid, data);
      for (const [wid, data] of edited) dataOf.set(wid, data);
      if (saved.version !== dashboard.version && !editing()) { await reloadDashboard(); return; }
      for (const node of document.querySelectorAll('#grid .widget')) {
        const w = current().widgets.find((x) => x.id === node.dataset.widgetId);
        const data = dataOf.get(node.dataset.widgetId);
        if (w && data) W.render(node.querySelector('.widget-body'), data, editing() ? null : opener(w));
      }
      showError('');
      document.getElementById('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
      document.body.dataset.loaded = 'true';
    } catch (err) {
      if (seq !== loadSeq) return;
      const position = err.body && typeof err.body.position === 'number' ? err.body.position : null;
      showError((position !== null ? 'The filter does not parse at position ' + position + ': ' : 'Could not load the widgets: ') + L.errorText(err));
      document.getElementById('dash-q').setAttribute('aria-invalid', String(position !== null));
    }
  }

  async function reloadDashboard() {
    dashboard = (await api('GET', base)).dashboard;
    renderHead();
    renderGrid();
    await load();
  }

  function schedule() {
    clearInterval(timer);
    const seconds = REFRESH[view.refresh];
    if (seconds) timer = setInterval(() => { if (!document.hidden && !document.querySelector('dialog[open]')) load(); }, seconds * 1000);
  }

  function startEditing() {
    draft = JSON.parse(JSON.stringify(dashboard));
    renderHead();
    renderGrid();
    writeUrl();
  }
  function stopEditing() {
    draft = null;
    dirty.clear();
    renderHead();
    renderGrid();
    writeUrl();
    load();
  }

  async function save() {
    const body = {
      version: dashboard.version, name: draft.name, description: draft.description, time_range: timeRange(), refresh: view.refresh,
      widgets: draft.widgets.map(E.toBody),
    };
    if (draft.shared !== dashboard.shared) body.shared = draft.shared;
    try {
      dashboard = (await api('PUT', base, body)).dashboard;
      L.toast('Saved "' + dashboard.name + '"');
      stopEditing();
    } catch (err) {
      if (err.status === 409) showError('Someone else saved this dashboard meanwhile (version ' + err.body.current_version + '). Copy what you need, then Cancel to see theirs.');
      else showError('Could not save: ' + L.errorText(err));
    }
  }

  function bindControls() {
    const form = document.getElementById('range-form');
    rangeControl = L.bindRange(form, view, (next) => { Object.assign(view, next); writeUrl(); load(); });
    form.addEventListener('submit', (e) => { e.preventDefault(); view.from = document.getElementById('range-from').value; view.to = document.getElementById('range-to').value; writeUrl(); load(); });
    const refresh = document.getElementById('refresh');
    refresh.value = view.refresh;
    refresh.addEventListener('change', () => { view.refresh = refresh.value; writeUrl(); schedule(); });
    document.getElementById('refresh-now').addEventListener('click', load);
    const filter = document.getElementById('dash-q');
    filter.value = view.q;
    document.getElementById('filter-form').addEventListener('submit', (e) => { e.preventDefault(); view.q = filter.value.trim(); filter.removeAttribute('aria-invalid'); writeUrl(); renderGrid(); load(); });
    document.getElementById('dash-q-clear').addEventListener('click', () => { filter.value = ''; view.q = ''; filter.removeAttribute('aria-invalid'); writeUrl(); renderGrid(); load(); });
    document.getElementById('copy-link').addEventListener('click', async () => {
      const url = location.origin + location.pathname + '?' + L.query({ q: view.q, ...rangeQuery(), refresh: view.refresh !== 'off' ? view.refresh : '' });
      try { await navigator.clipboard.writeText(url); L.toast('Link copied'); } catch (_) { prompt('Link to this dashboard', url); }
    });
    document.getElementById('edit-toggle').addEventListener('click', startEditing);
    document.getElementById('edit-cancel').addEventListener('click', stopEditing);
    document.getElementById('edit-save').addEventListener('click', save);
    document.getElementById('add-widget').addEventListener('click', () => E.openWidgetDialog(null, timeRange, (body, data) => {
      const wid = 'w' + Math.random().toString(36).slice(2, 10);
      draft.widgets.push(E.fromBody(body, wid));
      dataOf.set(wid, data);
      dirty.add(wid);
      renderGrid();
    }));
    document.getElementById('dash-settings').addEventListener('click', () => E.openSettings(draft, dashboard.can_manage, (changes) => { Object.assign(draft, changes); renderHead(); }));
  }

  L.onReady(async () => {
    try {
      dashboard = (await api('GET', base)).dashboard;
    } catch (err) {
      showError(err.status === 404 ? 'No such dashboard, or it is private to someone else.' : 'Could not load the dashboard: ' + L.errorText(err));
      return;
    }
    readUrl();
    bindControls();
    rangeControl.set(view);
    if (new URLSearchParams(location.search).get('edit') === '1' && dashboard.can_edit) draft = JSON.parse(JSON.stringify(dashboard));
    renderHead();
    renderGrid();
    schedule();
    await load();
  });

  window.LognestDashboardView = { dataOf, current: () => current() };
})();
