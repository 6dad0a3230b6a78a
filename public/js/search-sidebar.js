/* Field sidebar (Discover's field list): every field of the matching records with its type, how
 * many records have it and its top 5 values with counts, exact over the matching records (GET
 * /api/fields with the search). A value filters for (+) or out (−); "exists" filters on presence;
 * the column button adds or removes the field as a table column. */
(function () {
  'use strict';
  const L = window.Lognest;
  const S = window.LognestSearch;
  const { el, clear, fmtNumber } = L;
  /** Canonical fields not worth a sidebar entry: the id, and the time and message every row shows. */
  const HIDDEN = new Set(['id', 'ingested_at']);
  let seq = 0;
  let lastFields = [];
  let lastTotal = 0;

  function columnName(field) {
    return field.canonical ? field.name : 'fields.' + field.name;
  }

  function valueRow(field, v, total) {
    const column = columnName(field);
    const share = total ? Math.round((v.count / total) * 1000) / 10 : 0;
    const fill = el('span');
    fill.style.width = Math.min(100, share) + '%'; // CSSOM, allowed by the CSP (no inline style attribute)
    return el('li', { className: 'field-value' },
      el('span', { className: 'value-text', text: v.value, title: v.value }),
      el('span', { className: 'value-count', text: fmtNumber(v.count) + ' · ' + share + ' %' }),
      el('span', { className: 'value-bar', attrs: { 'aria-hidden': 'true' } }, fill),
      el('button', { type: 'button', className: 'btn btn-icon', text: '+', title: 'Filter for ' + field.name + ' = ' + v.value,
        attrs: { 'aria-label': 'Filter for ' + field.name + ' ' + v.value }, on: { click: () => S.addFilter(column, v.value, 'for') } }),
      el('button', { type: 'button', className: 'btn btn-icon', text: '−', title: 'Filter out ' + field.name + ' = ' + v.value,
        attrs: { 'aria-label': 'Filter out ' + field.name + ' ' + v.value }, on: { click: () => S.addFilter(column, v.value, 'out') } }));
  }

  function fieldItem(field, total) {
    const column = columnName(field);
    const shown = S.state.columns.includes(column);
    const body = el('div', { className: 'field-body', attrs: { hidden: true } });
    const toggle = el('button', {
      type: 'button', className: 'field-name', attrs: { 'aria-expanded': 'false' },
      on: { click: () => { const open = body.hidden; body.hidden = !open; toggle.setAttribute('aria-expanded', String(open)); } },
    }, el('span', { className: 'field-type', text: typeLabel(field.type), title: field.type }), el('span', { text: column }));
    const values = el('ul', { className: 'field-values' });
    for (const v of field.top_values) values.append(valueRow(field, v, total));
    body.append(
      el('p', { className: 'muted small', text: fmtNumber(field.count) + ' of ' + fmtNumber(total) + ' records' + (field.top_values.length ? ' · top ' + field.top_values.length + ' values' : '') }),
      values,
      el('div', { className: 'field-actions' },
        el('button', { type: 'button', className: 'btn btn-small', text: 'Exists', title: 'Only records that have ' + field.name, on: { click: () => S.addFilter(column, null, 'exists') } }),
        el('button', { type: 'button', className: 'btn btn-small', text: shown ? 'Remove column' : 'Add column', on: { click: () => S.toggleColumn(column) } })));
    return el('li', { className: 'field-item' + (shown ? ' is-column' : ''), dataset: { field: column } }, toggle, body);
  }

  function typeLabel(type) {
    return type === 'long' || type === 'double' ? '#' : type === 'date' ? '⏱' : type === 'keyword[]' ? '[ ]' : type === 'text' ? 'T' : 'k';
  }

  function render(fields, total) {
    const list = clear(document.getElementById('field-list'));
    const filter = document.getElementById('field-filter').value.trim().toLowerCase();
    const present = fields.filter((f) => f.count > 0 && !HIDDEN.has(f.name) && columnName(f).toLowerCase().includes(filter));
    if (!present.length) list.append(el('li', { className: 'muted small', text: total ? 'No field matches.' : 'No records match.' }));
    for (const f of present) list.append(fieldItem(f, total));
  }

  async function load() {
    const my = ++seq;
    const info = document.getElementById('field-info');
    info.textContent = 'Counting…';
    try {
      const params = { ...S.apiFilters() };
      delete params.sort;
      const data = await L.api('GET', '/api/fields?' + L.query(params));
      if (my !== seq) return;
      lastFields = data.fields || [];
      lastTotal = data.total;
      render(lastFields, lastTotal);
      info.textContent = fmtNumber(data.total) + ' records, exact';
      S.emit('fields', lastFields);
    } catch (err) {
      if (my !== seq) return;
      clear(document.getElementById('field-list'));
      info.textContent = err.status === 400 ? '' : 'Fields unavailable: ' + L.errorText(err);
    }
  }

  S.fields = () => lastFields;
  S.on('search', load);
  S.on('columns', () => render(lastFields, lastTotal));
  S.on('error', () => { seq++; clear(document.getElementById('field-list')); document.getElementById('field-info').textContent = ''; });
  L.onReady(() => {
    document.getElementById('field-filter').addEventListener('input', () => render(lastFields, lastTotal));
  });
})();
