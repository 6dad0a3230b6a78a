/* "Add to dashboard" on the search page: the current search (query, filters) becomes a widget of
 * an existing or a new custom dashboard, which then opens. Viewers, who cannot change
 * dashboards, get no button. */
(function () {
  'use strict';
  const L = window.Lognest;
  const S = window.LognestSearch;
  const { api, el, clear } = L;
  const RELATIVE = ['15m', '1h', '6h', '24h', '7d', '30d'];
  const TYPES = [
    ['count_over_time', 'Count over time, by level'], ['latest_records', 'Table of the latest records'], ['top_values', 'Top values of a field'],
    ['pie', 'Pie of a field'], ['number', 'Number of records'],
  ];

  /** The search's query and filter fields as one query in the query language. */
  function queryOf(s) {
    const parts = [];
    if (s.q) parts.push(/\bOR\b/.test(s.q) ? '(' + s.q + ')' : s.q);
    if (s.level.length) parts.push('level:(' + s.level.map(L.queryValue).join(' OR ') + ')');
    const codes = String(s.status_code || '').split(',').map((c) => c.trim()).filter(Boolean);
    if (codes.length) parts.push('status_code:(' + codes.join(' OR ') + ')');
    for (const f of ['endpoint', 'service', 'server']) if (s[f]) parts.push(f + ':' + L.queryValue(s[f]));
    return parts.join(' AND ');
  }

  function field(label, control) {
    return el('div', { className: 'field' }, el('label', { attrs: { for: control.id }, text: label }), control);
  }

  function buildDialog() {
    const select = (id, options) => el('select', { attrs: { id } }, options.map(([value, text]) => el('option', { attrs: { value }, text })));
    const dialog = el('dialog', { attrs: { id: 'add-dashboard-dialog', 'aria-labelledby': 'add-dashboard-title' } },
      el('form', { className: 'form-stack', attrs: { id: 'add-dashboard-form', method: 'dialog' } },
        el('h2', { attrs: { id: 'add-dashboard-title' }, text: 'Add this search to a dashboard' }),
        field('Dashboard', select('atd-dashboard', [['', 'New dashboard…']])),
        field('New dashboard name', el('input', { type: 'text', attrs: { id: 'atd-name', maxlength: 200 } })),
        field('Visualization', select('atd-type', TYPES)),
        field('Field', el('input', { type: 'text', attrs: { id: 'atd-field', value: 'service', autocomplete: 'off' } })),
        field('Widget title', el('input', { type: 'text', attrs: { id: 'atd-title', maxlength: 200 } })),
        el('p', { className: 'hint', attrs: { id: 'atd-query' } }),
        el('div', { className: 'alert alert-error', attrs: { id: 'atd-error', role: 'alert', hidden: true } }),
        el('div', { className: 'dialog-actions' },
          el('button', { type: 'button', className: 'btn', text: 'Cancel', attrs: { id: 'atd-cancel' } }),
          el('button', { type: 'submit', className: 'btn btn-primary', text: 'Add and open' }))));
    document.body.append(dialog);
    return dialog;
  }

  function sync() {
    const isNew = document.getElementById('atd-dashboard').value === '';
    document.getElementById('atd-name').closest('.field').hidden = !isNew;
    const type = document.getElementById('atd-type').value;
    document.getElementById('atd-field').closest('.field').hidden = !(type === 'top_values' || type === 'pie');
  }

  async function open(dialog) {
    const s = S.state;
    const query = queryOf(s);
    document.getElementById('atd-query').textContent = 'Query: ' + (query || '(every record)');
    document.getElementById('atd-title').value = s.q || 'All records';
    document.getElementById('atd-name').value = s.q ? 'Dashboard: ' + s.q.slice(0, 60) : 'New dashboard';
    document.getElementById('atd-error').hidden = true;
    const choose = document.getElementById('atd-dashboard');
    clear(choose).append(el('option', { attrs: { value: '' }, text: 'New dashboard…' }));
    try {
      const { dashboards } = await api('GET', '/api/dashboards');
      for (const d of dashboards.filter((x) => x.can_edit)) choose.append(el('option', { attrs: { value: d.id }, text: d.name + (d.shared ? ' (shared)' : '') }));
      if (dashboards.some((x) => x.can_edit)) choose.selectedIndex = 1;
    } catch (err) { L.toast(L.errorText(err), 'error'); }
    sync();
    dialog.showModal();
  }

  async function submit(dialog) {
    const s = S.state;
    const type = document.getElementById('atd-type').value;
    const widget = { type, query: queryOf(s), title: document.getElementById('atd-title').value.trim() || undefined };
    if (type === 'top_values' || type === 'pie') widget.field = document.getElementById('atd-field').value.trim();
    if (type === 'number') widget.stat = 'count';
    const id = document.getElementById('atd-dashboard').value;
    try {
      let url;
      if (id) {
        const { dashboard } = await api('GET', '/api/dashboards/' + encodeURIComponent(id));
        const widgets = dashboard.widgets.map((w) => {
          const { time_range: t, ...rest } = w;
          return Object.fromEntries(Object.entries({ ...rest, time_range: t || undefined }).filter(([, v]) => v !== null));
        });
        url = (await api('PUT', '/api/dashboards/' + encodeURIComponent(id), { version: dashboard.version, widgets: [...widgets, widget] })).dashboard.url;
      } else {
        const timeRange = RELATIVE.includes(s.range) ? s.range : s.range === 'custom' && s.from ? { range: 'custom', from: s.from, to: s.to || null } : '24h';
        url = (await api('POST', '/api/dashboards', { name: document.getElementById('atd-name').value.trim(), time_range: timeRange, widgets: [widget] })).dashboard.url;
      }
      dialog.close();
      location.assign(url);
    } catch (err) {
      const box = document.getElementById('atd-error');
      box.textContent = L.errorText(err);
      box.hidden = false;
    }
  }

  /** The dialog is built on first use: the search page's own dialogs stay the only ones until then. */
  let dialog = null;
  function dialogOnce() {
    if (dialog) return dialog;
    dialog = buildDialog();
    document.getElementById('atd-dashboard').addEventListener('change', sync);
    document.getElementById('atd-type').addEventListener('change', sync);
    document.getElementById('atd-cancel').addEventListener('click', () => dialog.close());
    document.getElementById('add-dashboard-form').addEventListener('submit', (e) => { e.preventDefault(); submit(dialog); });
    return dialog;
  }

  L.onReady(() => {
    if (document.body.dataset.role === 'viewer') return;
    const button = el('button', { type: 'button', className: 'btn', text: 'Add to dashboard', attrs: { id: 'add-to-dashboard' }, on: { click: () => open(dialogOnce()) } });
    document.getElementById('save-search').after(button);
  });
})();
