/* Upload: choose files, see the first one's lines parsed with the options (upload-preview.js),
 * then Ingest; per file, bytes sent (XHR upload progress), then lines processed (polling
 * GET /api/files/:id) until completed or failed. A file uploaded before (same content) is
 * answered 409: the item asks whether to store it twice. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { el, clear, fmtNumber, fmtBytes } = L;
  const POLL_MS = 500;
  let pending = [];

  /** The form's fields as the API names them; the format choice decides which apply. */
  function options() {
    const form = document.getElementById('upload-options');
    const out = {};
    for (const [k, v] of new FormData(form).entries()) if (String(v).trim() !== '') out[k] = String(v).trim();
    const kind = formatKind(out.format);
    // Until a pattern is typed, the text is previewed by detection.
    if (kind !== 'pattern' || !out.pattern) { delete out.pattern; delete out.pattern_type; if (kind === 'pattern') delete out.timestamp_format; }
    if (kind !== 'pattern' && kind !== 'named') delete out.timestamp_format;
    if (kind !== 'saved') delete out.rule;
    if (kind !== 'input') { delete out.delimiter; delete out.timestamp_field; }
    if (kind === 'pattern' || kind === 'saved') out.format = 'text';
    return out;
  }

  function formatKind(format) {
    if (format === 'pattern' || format === 'saved') return format;
    return ['auto', 'ndjson', 'json', 'csv', 'text', undefined].includes(format) ? 'input' : 'named';
  }

  function showFieldsFor(format) {
    const kind = formatKind(format);
    for (const field of document.querySelectorAll('#upload-options [data-when]')) field.hidden = !field.dataset.when.split(' ').includes(kind);
  }

  function addItem(file) {
    const status = el('span', { className: 'badge', text: 'uploading' });
    const bar = el('progress', { attrs: { max: 100, value: 0, 'aria-label': 'Progress of ' + file.name } });
    const line = el('div', { className: 'detail-line', text: 'Sending ' + fmtBytes(file.size) + '…' });
    const item = el('li', { className: 'upload-item', dataset: { name: file.name } }, el('span', { className: 'name', text: file.name, title: file.name }), status, bar, line);
    document.getElementById('upload-list').prepend(item);
    return {
      item,
      set(state, percent, text) {
        status.textContent = state;
        status.className = 'badge ' + (state === 'completed' ? 'badge-ok' : state === 'failed' ? 'badge-err' : state === 'duplicate' ? 'badge-warn' : 'badge-info');
        item.dataset.status = state;
        if (percent !== null) bar.value = percent;
        if (text !== undefined) clear(line).append(text);
      },
      addErrors(errors) {
        if (!errors || !errors.length) return;
        const list = el('ul', { className: 'error-lines' });
        for (const e of errors.slice(0, 10)) list.append(el('li', { text: 'line ' + e.line + ': ' + e.reason }));
        line.after(el('div', { className: 'detail-line' }, list));
      },
      link(id) {
        line.append(' ', el('a', { href: '/search?' + L.query({ q: 'file_id:"' + id + '"', range: 'all' }), text: 'Search these logs' }));
      },
      /** Resolves true when the user wants the file stored a second time. */
      askDuplicate(earlier) {
        return new Promise((resolve) => {
          const when = earlier.upload_date ? new Date(earlier.upload_date).toLocaleString() : '';
          const again = el('button', { type: 'button', className: 'btn btn-small', text: 'Store it again', on: { click: () => resolve(true) } });
          const skip = el('button', { type: 'button', className: 'btn btn-small', text: 'Skip', on: { click: () => resolve(false) } });
          this.set('duplicate', 0, el('span', null,
            'The same content was uploaded as ', el('a', { href: '/files', text: earlier.original_name }), ' ' + when +
            ' (' + fmtNumber(earlier.accepted) + ' records). ', again, ' ', skip));
        });
      },
    };
  }

  function send(file, opts, allowDuplicate, view, token) {
    const body = new FormData();
    for (const [k, v] of Object.entries(opts)) body.append(k, v);
    if (allowDuplicate) body.append('allow_duplicate', 'true');
    body.append('file', file, file.name);
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/upload');
      xhr.setRequestHeader('X-CSRF-Token', token);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) view.set('uploading', Math.round((e.loaded / e.total) * 50), 'Sent ' + fmtBytes(e.loaded) + ' of ' + fmtBytes(e.total));
      });
      xhr.addEventListener('load', () => {
        let data = {};
        try { data = JSON.parse(xhr.responseText); } catch (_) { /* not JSON */ }
        resolve({ ok: xhr.status >= 200 && xhr.status < 300, status: xhr.status, data });
      });
      xhr.addEventListener('error', () => resolve({ ok: false, status: 0, data: { message: 'Network error' } }));
      xhr.send(body);
    });
  }

  async function upload(file, opts) {
    const view = addItem(file);
    const token = await L.csrf();
    let sent = await send(file, opts, false, view, token);
    if (sent.status === 409 && sent.data.duplicate_of) {
      if (!(await view.askDuplicate(sent.data.duplicate_of))) {
        view.set('skipped', null, 'Not stored again.');
        return;
      }
      sent = await send(file, opts, true, view, token);
    }
    if (!sent.ok) {
      view.set('failed', null, 'Upload refused: ' + (sent.data.message || 'status ' + sent.status));
      return;
    }
    view.item.dataset.fileId = sent.data.file_id;
    view.set('processing', 50, 'Uploaded; reading lines…');
    for (;;) {
      let f;
      try { f = await L.api('GET', '/api/files/' + encodeURIComponent(sent.data.file_id)); } catch (err) {
        view.set('failed', null, 'Lost track of the file: ' + L.errorText(err));
        return;
      }
      const summary = fmtNumber(f.lines_total) + ' lines · ' + fmtNumber(f.accepted) + ' accepted · ' + fmtNumber(f.rejected) + ' rejected';
      if (f.status === 'completed') {
        view.set('completed', 100, summary);
        view.addErrors(f.errors);
        view.link(f.id);
        return;
      }
      if (f.status === 'failed') {
        view.set('failed', 100, (f.failure || 'Processing failed') + ' — ' + summary);
        view.addErrors(f.errors);
        return;
      }
      view.set(f.status, 50 + Math.round((f.progress || 0) / 2), summary);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  function choose(files) {
    pending = files;
    const box = document.getElementById('pending');
    box.hidden = files.length === 0;
    document.getElementById('pending-names').textContent = files.map((f) => f.name + ' (' + fmtBytes(f.size) + ')').join(', ');
    document.getElementById('ingest-btn').textContent = files.length === 1 ? 'Ingest 1 file' : 'Ingest ' + files.length + ' files';
    if (files.length > 0) L.uploadPreview(files[0], options());
    else document.getElementById('preview').hidden = true;
  }

  async function loadChoices() {
    try {
      const formats = await L.api('GET', '/api/parse/formats');
      const group = document.getElementById('named-formats');
      for (const f of formats.formats) group.append(el('option', { text: f.name + ' — ' + f.description, attrs: { value: f.name } }));
    } catch (_) { /* the input formats still work */ }
    try {
      const saved = await L.api('GET', '/api/parse/rules');
      const select = document.getElementById('opt-rule');
      for (const r of saved.rules) select.append(el('option', { text: r.name + (r.service ? ' (service ' + r.service + ')' : ''), attrs: { value: r.name } }));
    } catch (_) { /* no saved rules to offer */ }
  }

  L.onReady(() => {
    const zone = document.getElementById('dropzone');
    const input = document.getElementById('file-input');
    const form = document.getElementById('upload-options');
    input.addEventListener('change', () => { choose([...input.files]); input.value = ''; });
    zone.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });
    zone.setAttribute('tabindex', '0');
    for (const type of ['dragenter', 'dragover']) zone.addEventListener(type, (e) => { e.preventDefault(); zone.classList.add('dragging'); });
    for (const type of ['dragleave', 'drop']) zone.addEventListener(type, (e) => { e.preventDefault(); zone.classList.remove('dragging'); });
    zone.addEventListener('drop', (e) => choose([...e.dataTransfer.files]));
    let timer = null;
    const again = () => {
      showFieldsFor(form.elements.format.value);
      clearTimeout(timer);
      timer = setTimeout(() => { if (pending.length > 0) L.uploadPreview(pending[0], options()); }, 300);
    };
    form.addEventListener('input', again);
    form.addEventListener('change', again);
    form.addEventListener('submit', (e) => e.preventDefault());
    document.getElementById('ingest-btn').addEventListener('click', () => {
      const files = pending;
      const opts = options();
      choose([]);
      for (const f of files) upload(f, opts);
    });
    document.getElementById('cancel-btn').addEventListener('click', () => choose([]));
    showFieldsFor(form.elements.format.value);
    loadChoices();
  });
})();
