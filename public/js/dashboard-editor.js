/* Custom dashboard editor: changes a draft of the dashboard (add, edit, remove, move, resize
 * widgets; name and sharing) until the page saves it with PUT /api/dashboards/:id. */
(function () {
  'use strict';
  const L = window.Lognest;
  const W = window.LognestWidgets;
  const { api, el, clear } = L;
  const GRID_COLUMNS = 12;
  const MAX_HEIGHT = 4;
  const DEFAULT_SIZE = { count_over_time: [6, 2], field_over_time: [6, 2], top_values: [6, 2], pie: [4, 2], number: [3, 1], latest_records: [12, 2] };
  const NEEDS_FIELD = { top_values: 'service', pie: 'level', field_over_time: 'response_time_ms' };
  const clamp = (n, lo, hi) => Math.max(lo, Math.min(hi, n));

  /** A widget as the API takes it back: only the fields its type uses. */
  function toBody(w) {
    const out = { id: w.id, title: w.title, type: w.type, query: w.query, width: w.width, height: w.height, time_range: w.time_range || undefined };
    if (['top_values', 'pie', 'number', 'field_over_time'].includes(w.type) && w.field) out.field = w.field;
    if (['number', 'field_over_time'].includes(w.type)) out.stat = w.stat;
    if (['top_values', 'pie', 'latest_records'].includes(w.type) && w.limit) out.limit = w.limit;
    if (w.type === 'latest_records' && w.columns && w.columns.length) out.columns = w.columns;
    return out;
  }

  /** The draft's copy of a widget the dialog checked; an empty title takes the visualization's name. */
  function fromBody(body, id) {
    const type = document.querySelector('#wf-type option[value="' + body.type + '"]');
    return {
      id, title: body.title || (type ? type.textContent : body.type), type: body.type, query: body.query || '', field: body.field || null, stat: body.stat || null,
      limit: body.limit || null, columns: body.columns || [], width: body.width, height: body.height, time_range: body.time_range || null,
    };
  }

  function indexOf(draft, id) { return draft.widgets.findIndex((w) => w.id === id); }
  function move(draft, id, delta) {
    const i = indexOf(draft, id);
    const j = clamp(i + delta, 0, draft.widgets.length - 1);
    if (i < 0 || i === j) return false;
    const [w] = draft.widgets.splice(i, 1);
    draft.widgets.splice(j, 0, w);
    return true;
  }
  /** Puts widget `id` where widget `targetId` is (dragging onto a widget takes its place). */
  function moveTo(draft, id, targetId) {
    const from = indexOf(draft, id);
    const to = indexOf(draft, targetId);
    if (from < 0 || to < 0 || from === to) return false;
    const [w] = draft.widgets.splice(from, 1);
    draft.widgets.splice(to, 0, w);
    return true;
  }
  function resize(draft, id, width, height) {
    const w = draft.widgets[indexOf(draft, id)];
    if (!w) return false;
    const next = [clamp(width, 1, GRID_COLUMNS), clamp(height, 1, MAX_HEIGHT)];
    if (next[0] === w.width && next[1] === w.height) return false;
    [w.width, w.height] = next;
    return true;
  }
  function remove(draft, id) {
    const i = indexOf(draft, id);
    if (i >= 0) draft.widgets.splice(i, 1);
    return i >= 0;
  }

  /** HTML5 drag and drop of cards by their head: `onDrop(id, targetId)`. */
  function bindDrag(card, id, onDrop) {
    const head = card.querySelector('.panel-head');
    head.setAttribute('draggable', 'true');
    head.addEventListener('dragstart', (e) => { e.dataTransfer.setData('text/x-widget', id); e.dataTransfer.effectAllowed = 'move'; card.classList.add('dragging'); });
    head.addEventListener('dragend', () => card.classList.remove('dragging'));
    card.addEventListener('dragover', (e) => { if (e.dataTransfer.types.includes('text/x-widget')) { e.preventDefault(); card.classList.add('drop-target'); } });
    card.addEventListener('dragleave', () => card.classList.remove('drop-target'));
    card.addEventListener('drop', (e) => {
      e.preventDefault();
      card.classList.remove('drop-target');
      const dragged = e.dataTransfer.getData('text/x-widget');
      if (dragged && dragged !== id) onDrop(dragged, id);
    });
  }

  /** The corner handle: dragging it sets the card's width in grid columns and height in rows. */
  function bindResize(card, grid, widget, onResize) {
    const handle = el('span', { className: 'resize-handle', title: 'Drag to resize', attrs: { 'aria-hidden': 'true' } });
    card.append(handle);
    handle.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      handle.setPointerCapture(e.pointerId);
      const style = getComputedStyle(grid);
      const gap = parseFloat(style.columnGap) || 0;
      const column = (grid.clientWidth - gap * (GRID_COLUMNS - 1)) / GRID_COLUMNS;
      const row = parseFloat(style.gridAutoRows) || 150;
      const rect = card.getBoundingClientRect();
      const size = (ev) => [Math.round((ev.clientX - rect.left + gap) / (column + gap)), Math.round((ev.clientY - rect.top + gap) / (row + gap))];
      const moveHandler = (ev) => { const [w, h] = size(ev); card.dataset.previewSize = clamp(w, 1, GRID_COLUMNS) + '×' + clamp(h, 1, MAX_HEIGHT); };
      const up = (ev) => {
        handle.removeEventListener('pointermove', moveHandler);
        handle.removeEventListener('pointerup', up);
        delete card.dataset.previewSize;
        const [w, h] = size(ev);
        onResize(widget.id, w, h);
      };
      handle.addEventListener('pointermove', moveHandler);
      handle.addEventListener('pointerup', up);
    });
  }

  /** The buttons a card shows while editing, each naming its widget for screen readers. */
  function controls(widget, act) {
    const b = (text, label, fn, extra) => el('button', { type: 'button', className: 'btn btn-small' + (extra || ''), text, title: label, attrs: { 'aria-label': label + ' ' + widget.title }, on: { click: fn } });
    return el('span', { className: 'widget-controls' },
      b('◀', 'Move earlier', () => act('move', -1)), b('▶', 'Move later', () => act('move', 1)),
      b('−', 'Narrower', () => act('resize', widget.width - 1, widget.height)), b('+', 'Wider', () => act('resize', widget.width + 1, widget.height)),
      b('↑', 'Shorter', () => act('resize', widget.width, widget.height - 1)), b('↓', 'Taller', () => act('resize', widget.width, widget.height + 1)),
      b('Edit', 'Edit', () => act('edit')), b('✕', 'Remove', () => act('remove'), ' btn-danger'));
  }

  // ---- the widget dialog ----
  let fieldsLoaded = false;
  async function loadFields() {
    if (fieldsLoaded) return;
    fieldsLoaded = true;
    try {
      const data = await api('GET', '/api/fields?' + L.query({ top: 0, date_from: 'now-7d' }));
      const list = clear(document.getElementById('wf-fields'));
      for (const f of data.fields) if (f.count > 0 && f.name !== '@timestamp') list.append(el('option', { attrs: { value: f.name } }));
    } catch (_) { fieldsLoaded = false; }
  }

  function readDialog(base) {
    const v = (id) => document.getElementById(id).value.trim();
    const type = v('wf-type');
    const columns = v('wf-columns').split(',').map((c) => c.trim()).filter(Boolean);
    return {
      id: base ? base.id : undefined,
      title: v('wf-title'), type, query: v('wf-query'), field: v('wf-field') || null, stat: v('wf-stat'),
      limit: v('wf-limit') ? Number(v('wf-limit')) : null, columns,
      width: Number(v('wf-width')) || DEFAULT_SIZE[type][0], height: Number(v('wf-height')) || DEFAULT_SIZE[type][1],
      time_range: v('wf-range') ? { range: v('wf-range') } : null,
    };
  }

  function syncType() {
    const type = document.getElementById('wf-type').value;
    document.querySelectorAll('#widget-form [data-for]').forEach((n) => { n.hidden = !n.dataset.for.split(' ').includes(type); });
    const stat = document.getElementById('wf-stat');
    for (const option of stat.options) option.disabled = type === 'field_over_time' && !['avg', 'p95', 'max'].includes(option.value);
    if (stat.selectedOptions[0] && stat.selectedOptions[0].disabled) stat.value = 'p95';
    const field = document.getElementById('wf-field');
    if (!field.value && NEEDS_FIELD[type]) field.value = NEEDS_FIELD[type];
  }

  function showDialogError(err) {
    const box = clear(document.getElementById('wf-error'));
    const body = (err && err.body) || {};
    box.append(el('strong', { text: 'Cannot use this widget: ' }), L.errorText(err).replace(/^widget\./, ''));
    if (/query$/.test(body.field || '') && typeof body.position === 'number') {
      box.append(el('pre', { text: document.getElementById('wf-query').value + '\n' + ' '.repeat(Math.max(0, body.position)) + '^' }));
    }
    box.hidden = false;
  }

  /**
   * Opens the widget dialog for `widget` (null: a new one); `onDone(body, data)` gets the checked
   * widget and its data. Each change redraws the preview through POST /api/dashboards/widget-data.
   */
  function openWidgetDialog(widget, timeRange, onDone) {
    const dialog = document.getElementById('widget-dialog');
    const form = document.getElementById('widget-form');
    const w = widget || { title: '', type: 'count_over_time', query: '', field: null, stat: 'count', limit: null, columns: [], width: null, height: null, time_range: null };
    const set = (id, value) => { document.getElementById(id).value = value === null || value === undefined ? '' : value; };
    set('wf-title', w.title); set('wf-type', w.type); set('wf-query', w.query); set('wf-field', w.field); set('wf-stat', w.stat || 'count');
    set('wf-limit', w.limit); set('wf-columns', (w.columns || []).join(', ')); set('wf-width', w.width); set('wf-height', w.height);
    set('wf-range', w.time_range ? w.time_range.range : '');
    document.getElementById('widget-dialog-title').textContent = widget ? 'Edit widget' : 'Add widget';
    document.getElementById('wf-submit').textContent = widget ? 'Apply' : 'Add';
    document.getElementById('wf-error').hidden = true;
    clear(document.getElementById('wf-preview'));
    syncType();
    loadFields();
    let seq = 0;
    let last = null;
    const preview = async () => {
      const mine = ++seq;
      const body = toBody(readDialog(widget));
      try {
        const res = await api('POST', '/api/dashboards/widget-data', { widget: body, time_range: timeRange() });
        if (mine !== seq) return null;
        document.getElementById('wf-error').hidden = true;
        W.render(document.getElementById('wf-preview'), res.data);
        last = { body, data: res.data };
        return last;
      } catch (err) {
        if (mine === seq) showDialogError(err);
        return null;
      }
    };
    let timer = null;
    const later = () => { clearTimeout(timer); timer = setTimeout(preview, 400); };
    const onType = () => { syncType(); later(); };
    form.oninput = later;
    document.getElementById('wf-type').onchange = onType;
    document.getElementById('wf-cancel').onclick = () => dialog.close();
    form.onsubmit = async (e) => {
      e.preventDefault();
      clearTimeout(timer);
      const done = await preview();
      if (!done) return;
      dialog.close();
      onDone(done.body, done.data);
    };
    dialog.showModal();
    preview();
  }

  function openSettings(draft, canManage, onDone) {
    const dialog = document.getElementById('settings-dialog');
    document.getElementById('set-name').value = draft.name;
    document.getElementById('set-description').value = draft.description || '';
    const shared = document.getElementById('set-shared');
    shared.checked = draft.shared;
    shared.disabled = !canManage;
    document.getElementById('set-shared-hint').hidden = canManage;
    document.getElementById('set-cancel').onclick = () => dialog.close();
    document.getElementById('settings-form').onsubmit = (e) => {
      e.preventDefault();
      const name = document.getElementById('set-name').value.trim();
      if (!name) return;
      dialog.close();
      onDone({ name, description: document.getElementById('set-description').value.trim(), shared: shared.checked });
    };
    dialog.showModal();
  }

  window.LognestDashboardEditor = { toBody, fromBody, move, moveTo, resize, remove, bindDrag, bindResize, controls, openWidgetDialog, openSettings, DEFAULT_SIZE };
})();
