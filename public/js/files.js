/* Files: every ingested file with its counts and rejected lines; refreshes while any is running. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { api, el, clear, fmtNumber } = L;
  const PER_PAGE = 25;
  let page = 1;
  let timer = null;

  const badge = (status) => el('span', { className: 'badge ' + ({ completed: 'badge-ok', failed: 'badge-err', processing: 'badge-info', pending: 'badge-warn' }[status] || ''), text: status });

  async function load() {
    clearTimeout(timer);
    let data;
    try { data = await api('GET', '/api/files?' + L.query({ page, per_page: PER_PAGE })); } catch (err) { L.toast(L.errorText(err), 'error'); return; }
    const body = clear(document.getElementById('files-body'));
    document.getElementById('files-total').textContent = fmtNumber(data.total) + ' files';
    if (!data.files.length) body.append(el('tr', null, el('td', { className: 'empty', attrs: { colspan: 9 } }, 'No files yet. ', el('a', { href: '/upload', text: 'Upload some logs' }))));
    const canWrite = document.body.dataset.role !== 'viewer';
    for (const f of data.files) {
      const errorsRow = el('tr', { attrs: { hidden: true } }, el('td', { attrs: { colspan: 9 } },
        el('ul', { className: 'error-lines' }, (f.errors || []).map((e) => el('li', { text: 'line ' + e.line + ': ' + e.reason }))),
        f.failure ? el('p', { className: 'alert alert-error', text: f.failure }) : null));
      const actions = el('td', { className: 'nowrap' },
        el('a', { className: 'btn btn-small', href: '/search?' + L.query({ q: 'file_id:"' + f.id + '"', range: 'all' }), text: 'Search' }));
      if (f.rejected > 0 || f.failure) {
        const toggle = el('button', { type: 'button', className: 'btn btn-small', text: 'Errors', attrs: { 'aria-expanded': 'false' } });
        toggle.addEventListener('click', () => { errorsRow.hidden = !errorsRow.hidden; toggle.setAttribute('aria-expanded', String(!errorsRow.hidden)); });
        actions.append(' ', toggle);
      }
      if (canWrite) {
        actions.append(' ', el('button', { type: 'button', className: 'btn btn-small btn-danger', text: 'Delete', attrs: { 'aria-label': 'Delete ' + f.original_name }, on: { click: () => remove(f) } }));
      }
      const running = f.status === 'processing' || f.status === 'pending';
      body.append(el('tr', { dataset: { fileId: f.id, status: f.status } },
        el('td', { className: 'mono', text: f.original_name, title: f.description || '' }),
        el('td', null, badge(f.status), running ? ' ' + f.progress + ' %' : ''),
        el('td', { className: 'num', text: L.fmtBytes(f.size) }),
        el('td', { className: 'num', text: fmtNumber(f.lines_total) }),
        el('td', { className: 'num', text: fmtNumber(f.accepted) }),
        el('td', { className: 'num' + (f.rejected ? ' value-bad' : ''), text: fmtNumber(f.rejected) }),
        el('td', { className: 'nowrap', text: L.fmtTime(f.upload_date, false), title: L.fmtAgo(f.upload_date) }),
        el('td', { text: f.uploaded_by || '' }),
        actions), errorsRow);
    }
    document.getElementById('files-page').textContent = data.total_pages > 1 ? 'Page ' + page + ' of ' + data.total_pages : '';
    document.getElementById('files-prev').disabled = page <= 1;
    document.getElementById('files-next').disabled = page >= data.total_pages;
    if (data.files.some((f) => f.status === 'processing' || f.status === 'pending')) timer = setTimeout(load, 1500);
    document.body.dataset.loaded = 'true';
  }

  async function remove(f) {
    if (!confirm('Delete ' + f.original_name + ' and its ' + fmtNumber(f.accepted) + ' log records?')) return;
    try { await api('DELETE', '/api/files/' + encodeURIComponent(f.id)); L.toast('Deleted ' + f.original_name); } catch (err) { L.toast(L.errorText(err), 'error'); }
    load();
  }

  L.onReady(() => {
    document.getElementById('files-prev').addEventListener('click', () => { page = Math.max(1, page - 1); load(); });
    document.getElementById('files-next').addEventListener('click', () => { page += 1; load(); });
    load();
  });
})();
