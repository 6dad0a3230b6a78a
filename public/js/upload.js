/* Upload: several files at once; per file, bytes sent (XHR upload progress), then lines
 * processed (polling GET /api/files/:id) until completed or failed. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { el, fmtNumber, fmtBytes } = L;
  const POLL_MS = 500;

  function options() {
    const form = document.getElementById('upload-options');
    const out = {};
    for (const [k, v] of new FormData(form).entries()) if (String(v).trim() !== '') out[k] = String(v).trim();
    return out;
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
        status.className = 'badge ' + (state === 'completed' ? 'badge-ok' : state === 'failed' ? 'badge-err' : 'badge-info');
        item.dataset.status = state;
        if (percent !== null) bar.value = percent;
        if (text !== undefined) line.textContent = text;
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
    };
  }

  async function upload(file) {
    const view = addItem(file);
    const body = new FormData();
    for (const [k, v] of Object.entries(options())) body.append(k, v);
    body.append('file', file, file.name);
    const token = await L.csrf();
    const sent = await new Promise((resolve) => {
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

  L.onReady(() => {
    const zone = document.getElementById('dropzone');
    const input = document.getElementById('file-input');
    const take = (files) => { for (const f of files) upload(f); };
    input.addEventListener('change', () => { take([...input.files]); input.value = ''; });
    zone.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });
    zone.setAttribute('tabindex', '0');
    for (const type of ['dragenter', 'dragover']) zone.addEventListener(type, (e) => { e.preventDefault(); zone.classList.add('dragging'); });
    for (const type of ['dragleave', 'drop']) zone.addEventListener(type, (e) => { e.preventDefault(); zone.classList.remove('dragging'); });
    zone.addEventListener('drop', (e) => take([...e.dataTransfer.files]));
  });
})();
