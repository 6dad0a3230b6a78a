/* Upload preview: the first 64 KiB of the chosen file parsed with the form's options by
 * POST /api/parse/preview (nothing is stored), shown as a table of the record fields. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { el, clear, fmtNumber } = L;
  const SAMPLE_BYTES = 64 * 1024;
  let seq = 0;

  function show(node, on) { node.hidden = !on; }

  function renderTable(preview) {
    const table = document.getElementById('preview-table');
    const head = clear(table.tHead);
    const body = clear(table.tBodies[0]);
    const columns = ['line'].concat(preview.columns);
    head.append(el('tr', null, columns.map((c) => el('th', { text: c, attrs: { scope: 'col' } }))));
    for (const row of preview.rows) {
      const cells = [el('td', { className: 'num', text: row.line })];
      if (row.error) cells.push(el('td', { className: 'value-bad', text: row.error, attrs: { colspan: preview.columns.length || 1 } }));
      else for (const c of preview.columns) cells.push(el('td', { text: row.values[c] === undefined || row.values[c] === null ? '' : row.values[c] }));
      body.append(el('tr', { dataset: { line: row.line, kind: row.error ? 'rejected' : 'record' } }, cells));
    }
  }

  /** Previews `file` with `options` (the upload form's fields); stale answers are dropped. */
  async function preview(file, options) {
    const mine = ++seq;
    const panel = document.getElementById('preview');
    const error = document.getElementById('preview-error');
    const summary = document.getElementById('preview-summary');
    show(panel, true);
    document.getElementById('preview-file').textContent = file.name;
    if (/\.gz$/i.test(file.name)) {
      show(error, false);
      summary.textContent = 'Compressed files are not previewed; they are read with these options when ingested.';
      renderTable({ columns: [], rows: [] });
      return;
    }
    summary.textContent = 'Reading the first lines…';
    const sample = await file.slice(0, SAMPLE_BYTES).text();
    const body = Object.assign({}, options, { sample: sample, filename: file.name });
    try {
      const answer = await L.api('POST', '/api/parse/preview', body);
      if (mine !== seq) return;
      show(error, false);
      summary.textContent = fmtNumber(answer.records) + ' records · ' + fmtNumber(answer.rejected) + ' rejected · ' +
        fmtNumber(answer.timestamped) + ' with a timestamp from the line (read as ' + answer.format + ')';
      renderTable(answer);
    } catch (err) {
      if (mine !== seq) return;
      summary.textContent = '';
      const b = err && err.body;
      error.textContent = L.errorText(err) + (b && b.field ? ' — check ' + b.field.replace('_', ' ') : '');
      show(error, true);
      renderTable({ columns: [], rows: [] });
    }
  }

  L.uploadPreview = preview;
})();
