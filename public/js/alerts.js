/* Alerts: rules with state and a sparkline, the rule editor with a 24 h preview against the
 * threshold, triggered alerts (acknowledge, resolve), history, channels (send test), silences.
 * Everything from the API reaches the DOM as text (Lognest.el), never as HTML. */
(function () {
  'use strict';
  const L = window.Lognest;
  const { api, el, clear, fmtNumber } = L;
  const canWrite = document.body.dataset.role !== 'viewer';
  const REFRESH_MS = 5000;
  let rules = [];
  let channels = [];
  let editing = null;
  let previewChart = null;
  let previewTimer = null;

  const fmtValue = (v) => (v === null || v === undefined ? 'no data' : fmtNumber(Math.round(v * 1000) / 1000));
  const ruleName = (id) => (rules.find((r) => r.id === id) || {}).name || id;
  const badge = (state, extra) => el('span', { className: 'badge badge-' + state, text: extra ? state + ' · ' + extra : state });
  const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);
  const showError = (err, where) => { L.toast((where ? where + ': ' : '') + L.errorText(err), 'error'); };
  const button = (text, label, onClick, cls) => el('button', { type: 'button', className: 'btn btn-small ' + (cls || ''), text, attrs: { 'aria-label': label }, on: { click: onClick } });

  /** A small line of the recent values with the threshold dashed across it. */
  function sparkline(rule) {
    const canvas = el('canvas', { className: 'sparkline', attrs: { width: 120, height: 28, role: 'img', 'aria-label': 'Recent values of ' + rule.name } });
    const values = rule.status.recent.map((p) => p.value).filter((v) => v !== null);
    const ctx = canvas.getContext && canvas.getContext('2d');
    if (!ctx || values.length === 0) return canvas;
    const all = values.concat([rule.condition.threshold]);
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    const y = (v) => 26 - ((v - lo) / (hi - lo || 1)) * 24;
    const x = (i) => (values.length === 1 ? 60 : (i / (values.length - 1)) * 118 + 1);
    ctx.strokeStyle = L.cssVar('--err') || '#c81e1e';
    ctx.setLineDash([3, 2]);
    ctx.beginPath(); ctx.moveTo(0, y(rule.condition.threshold)); ctx.lineTo(120, y(rule.condition.threshold)); ctx.stroke();
    ctx.setLineDash([]);
    ctx.strokeStyle = L.cssVar('--info') || '#1d4ed8';
    ctx.beginPath();
    values.forEach((v, i) => (i === 0 ? ctx.moveTo(x(i), y(v)) : ctx.lineTo(x(i), y(v))));
    ctx.stroke();
    return canvas;
  }

  function describeCondition(r) {
    const agg = r.aggregation.type === 'anomaly'
      ? 'anomaly(' + r.aggregation.metric + (r.aggregation.direction !== 'any' ? ', ' + r.aggregation.direction : '') + ')'
      : r.aggregation.type + (r.aggregation.field ? '(' + r.aggregation.field + ')' : '');
    return agg + ' ' + r.condition.operator + ' ' + r.condition.threshold + ' over ' + r.condition.window + (r.group_by ? ' per ' + r.group_by : '') + (r.for !== '0s' ? ' for ' + r.for : '');
  }

  function renderRules() {
    const body = clear(document.getElementById('rules-body'));
    if (!rules.length) body.append(el('tr', null, el('td', { className: 'empty', attrs: { colspan: 7 } }, 'No rules yet.')));
    for (const r of rules) {
      const s = r.status;
      const state = r.enabled ? s.state : 'disabled';
      body.append(el('tr', { dataset: { id: r.id, state } },
        el('td', null, el('strong', { text: r.name }), r.query ? el('div', { className: 'muted mono', text: r.query }) : null),
        el('td', null, badge(state, s.firing_groups > 1 ? s.firing_groups + ' groups' : '')),
        el('td', { className: 'num', text: s.last_evaluated_at ? fmtValue(s.last_value) : '–', title: s.last_evaluated_at ? 'evaluated ' + L.fmtTime(s.last_evaluated_at) : 'not evaluated yet' }),
        el('td', null, sparkline(r)),
        el('td', { className: 'mono', text: describeCondition(r) }),
        el('td', { className: 'nowrap', text: r.statistics.times_fired + '×' + (r.statistics.last_fired_at ? ', ' + L.fmtAgo(r.statistics.last_fired_at) : '') }),
        el('td', { className: 'nowrap' }, canWrite ? [
          button('Edit', 'Edit ' + r.name, () => openEditor(r)), ' ',
          button('Test', 'Test ' + r.name, () => testRule(r)), ' ',
          button('Delete', 'Delete ' + r.name, () => removeRule(r), 'btn-danger'),
        ] : null)));
    }
    const select = document.getElementById('silence-rule');
    if (select) {
      const chosen = select.value;
      clear(select).append(el('option', { text: 'Any rule', attrs: { value: '' } }), ...rules.map((r) => el('option', { text: r.name, attrs: { value: r.id } })));
      select.value = chosen;
    }
  }

  async function testRule(r) {
    try {
      const res = await api('POST', '/api/alerts/rules/' + encodeURIComponent(r.id) + '/test');
      const parts = res.groups.map((g) => (g.group === null ? '' : g.group + ': ') + fmtValue(g.value) + (g.condition_met ? ' (condition holds)' : ''));
      L.toast(r.name + ' → ' + (parts.join(', ') || 'no groups'));
    } catch (err) { showError(err, 'Test'); }
  }

  async function removeRule(r) {
    if (!confirm('Delete rule "' + r.name + '"?')) return;
    try { await api('DELETE', '/api/alerts/rules/' + encodeURIComponent(r.id)); } catch (err) { showError(err); }
    load();
  }

  async function loadTriggered() {
    const res = await api('GET', '/api/alerts/triggered?per_page=50');
    const body = clear(document.getElementById('triggered-body'));
    if (!res.alerts.length) body.append(el('tr', null, el('td', { className: 'empty', attrs: { colspan: 7 } }, 'Nothing has triggered.')));
    // A notification's "Open" link names its alert: that row is marked.
    const focus = new URLSearchParams(location.search).get('alert');
    for (const a of res.alerts) {
      const open = a.state !== 'resolved';
      body.append(el('tr', { className: a.id === focus ? 'row-focus' : '', dataset: { id: a.id, state: a.state } },
        el('td', null, el('a', { href: a.link, text: a.rule_name, title: 'Show the matching records' })),
        el('td', { className: 'mono', text: a.group === null ? '–' : a.group_by + '=' + a.group }),
        el('td', null, badge(a.state, a.acknowledged ? 'acknowledged by ' + a.acknowledged_by : '')),
        el('td', null, badge(a.severity)),
        el('td', { className: 'num', text: fmtValue(a.value) + ' ' + a.operator + ' ' + a.threshold }),
        el('td', { className: 'nowrap', text: L.fmtAgo(a.started_at), title: L.fmtTime(a.started_at) }),
        el('td', { className: 'nowrap' }, canWrite && open ? [
          a.state === 'firing' && !a.acknowledged ? button('Acknowledge', 'Acknowledge ' + a.rule_name, () => act(a, 'acknowledge')) : null, ' ',
          button('Resolve', 'Resolve ' + a.rule_name, () => act(a, 'resolve')),
        ] : null)));
    }
  }

  async function act(a, action) {
    const note = prompt(action === 'acknowledge' ? 'Note (optional): who is on it?' : 'Note (optional): what fixed it?');
    if (note === null) return;
    try { await api('POST', '/api/alerts/triggered/' + encodeURIComponent(a.id) + '/' + action, { note }); } catch (err) { showError(err); }
    load();
  }

  async function loadHistory() {
    const res = await api('GET', '/api/alerts/history?limit=50');
    const body = clear(document.getElementById('history-body'));
    if (!res.history.length) body.append(el('tr', null, el('td', { className: 'empty', attrs: { colspan: 7 } }, 'No state changes yet.')));
    for (const h of res.history) {
      body.append(el('tr', null,
        el('td', { className: 'nowrap', text: L.fmtTime(h.at) }), el('td', { text: ruleName(h.rule_id) }), el('td', { className: 'mono', text: h.group === null ? '–' : h.group }),
        el('td', null, badge(h.from), ' → ', badge(h.to)), el('td', { className: 'num', text: fmtValue(h.value) }),
        el('td', { text: h.cause.replace(/^user:/, '') }), el('td', { text: h.note || '' })));
    }
  }

  function channelTarget(c) {
    if (c.type === 'webhook') return c.config.url + (c.config.has_secret ? ' (signed)' : '');
    if (c.type === 'slack') return c.config.webhook_url;
    if (c.type === 'email') return c.config.to.join(', ');
    if (c.type === 'browser') return 'open Lognest pages of this tenant';
    return 'Lognest log';
  }

  function renderChannels() {
    const body = clear(document.getElementById('channels-body'));
    if (!channels.length) body.append(el('tr', null, el('td', { className: 'empty', attrs: { colspan: 4 } }, 'No channels yet.')));
    for (const c of channels) {
      body.append(el('tr', { dataset: { id: c.id } },
        el('td', { text: c.name }), el('td', { text: c.type }), el('td', { className: 'mono', text: channelTarget(c) }),
        el('td', { className: 'nowrap' }, canWrite ? [
          button('Send test', 'Send a test to ' + c.name, () => testChannel(c)), ' ',
          button('Delete', 'Delete channel ' + c.name, () => removeChannel(c), 'btn-danger'),
        ] : null)));
    }
  }

  async function testChannel(c) {
    try {
      const res = await api('POST', '/api/alerts/channels/' + encodeURIComponent(c.id) + '/test');
      const d = res.delivery;
      L.toast(d.status === 'sent' ? 'Test sent to ' + c.name : 'Test to ' + c.name + ' failed: ' + d.error, d.status === 'sent' ? undefined : 'error');
    } catch (err) { showError(err, 'Send test'); }
  }

  async function removeChannel(c) {
    if (!confirm('Delete channel "' + c.name + '"?')) return;
    try { await api('DELETE', '/api/alerts/channels/' + encodeURIComponent(c.id)); } catch (err) { showError(err); }
    load();
  }

  async function loadSilences() {
    const res = await api('GET', '/api/alerts/silences?active=true');
    const body = clear(document.getElementById('silences-body'));
    if (!res.silences.length) body.append(el('tr', null, el('td', { className: 'empty', attrs: { colspan: 4 } }, 'No active silences.')));
    for (const s of res.silences) {
      const m = s.matchers;
      const what = [m.rule_id ? 'rule ' + ruleName(m.rule_id) : null, m.group !== undefined ? 'group ' + m.group : null, m.severity ? m.severity : null].filter(Boolean).join(', ') || 'everything';
      body.append(el('tr', null, el('td', { text: what }), el('td', { className: 'nowrap', text: L.fmtTime(s.ends_at) }), el('td', { text: s.comment || '' }),
        el('td', null, canWrite ? button('Delete', 'Delete silence of ' + what, async () => {
          try { await api('DELETE', '/api/alerts/silences/' + encodeURIComponent(s.id)); } catch (err) { showError(err); }
          load();
        }, 'btn-danger') : null)));
    }
  }

  async function load() {
    try {
      [rules, channels] = await Promise.all([
        api('GET', '/api/alerts/rules').then((r) => r.rules),
        api('GET', '/api/alerts/channels').then((r) => r.channels),
      ]);
      renderRules();
      renderChannels();
      await Promise.all([loadTriggered(), loadHistory(), loadSilences()]);
      document.getElementById('alerts-error').hidden = true;
      document.body.dataset.loaded = 'true';
    } catch (err) {
      const box = document.getElementById('alerts-error');
      box.textContent = 'Could not load alerts: ' + L.errorText(err);
      box.hidden = false;
    }
  }

  /* ---- rule editor ---- */
  const $ = (id) => document.getElementById(id);

  function ruleBody() {
    const field = $('rule-field').value.trim();
    const type = $('rule-aggregation').value;
    const aggregation = type === 'anomaly'
      ? { type, metric: $('rule-anomaly-metric').value, method: $('rule-anomaly-method').value, direction: $('rule-anomaly-direction').value }
      : { type, ...(field && !['count', 'error_rate'].includes(type) ? { field } : {}) };
    const body = {
      name: $('rule-name').value.trim(), query: $('rule-query').value.trim(), levels: list($('rule-levels').value), services: list($('rule-services').value),
      aggregation,
      condition: { operator: $('rule-operator').value, threshold: Number($('rule-threshold').value), window: $('rule-window').value.trim() },
      group_by: $('rule-group-by').value.trim() || null, interval: $('rule-interval').value.trim(), for: $('rule-for').value.trim(),
      keep_firing_for: $('rule-keep').value.trim(), repeat_every: $('rule-repeat').value.trim() || null, no_data: $('rule-no-data').value,
      severity: $('rule-severity').value, enabled: $('rule-enabled').checked,
      channels: [...document.querySelectorAll('#rule-channels input:checked')].map((i) => i.value),
    };
    return body;
  }

  function openEditor(rule) {
    editing = rule;
    const r = rule || { name: '', query: '', levels: [], services: [], aggregation: { type: 'count' }, condition: { operator: '>', threshold: 10, window: '5m' }, group_by: null,
      interval: '60s', for: '0s', keep_firing_for: '0s', repeat_every: null, no_data: 'ok', severity: 'warning', enabled: true, channels: [] };
    $('rule-title').textContent = rule ? 'Edit rule ' + rule.name : 'New alert rule';
    $('rule-name').value = r.name; $('rule-query').value = r.query; $('rule-levels').value = r.levels.join(', '); $('rule-services').value = r.services.join(', ');
    $('rule-aggregation').value = r.aggregation.type; $('rule-field').value = r.aggregation.field || '';
    $('rule-anomaly-metric').value = r.aggregation.metric || 'log_volume'; $('rule-anomaly-method').value = r.aggregation.method || 'auto';
    $('rule-anomaly-direction').value = r.aggregation.direction || 'any';
    showAggregationFields();
    $('rule-operator').value = r.condition.operator; $('rule-threshold').value = r.condition.threshold; $('rule-window').value = r.condition.window;
    $('rule-group-by').value = r.group_by || ''; $('rule-interval').value = r.interval; $('rule-for').value = r.for; $('rule-keep').value = r.keep_firing_for;
    $('rule-repeat').value = r.repeat_every || ''; $('rule-no-data').value = r.no_data; $('rule-severity').value = r.severity; $('rule-enabled').checked = r.enabled;
    const boxes = clear($('rule-channels'));
    if (!channels.length) boxes.append(el('span', { className: 'muted', text: 'No channels yet: add one below the rules.' }));
    for (const c of channels) {
      const id = 'rule-channel-' + c.id;
      boxes.append(el('label', { className: 'check', attrs: { for: id } }, el('input', { type: 'checkbox', attrs: { id, value: c.id, checked: r.channels.includes(c.id) } }), c.name + ' (' + c.type + ')'));
    }
    $('rule-error').hidden = true;
    $('rule-dialog').showModal();
    preview();
  }

  /** An anomaly rule watches a detector metric; the others read a field. */
  function showAggregationFields() {
    const anomaly = $('rule-aggregation').value === 'anomaly';
    for (const f of document.querySelectorAll('#rule-form [data-agg]')) f.hidden = (f.dataset.agg === 'anomaly') !== anomaly;
  }

  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(preview, 400);
  }

  /** The rule's value over the last 24 h per window-sized bucket, the threshold as a dashed line. */
  async function preview() {
    const note = $('preview-note');
    let res;
    try { res = await api('POST', '/api/alerts/rules/preview', ruleBody()); } catch (err) {
      note.textContent = 'No preview: ' + L.errorText(err);
      return;
    }
    note.textContent = 'value per ' + res.bucket + ' against the threshold';
    const starts = [...new Set(res.points.map((p) => p.start))].sort();
    const groups = [...new Set(res.points.map((p) => p.group))];
    const palette = ['--info', '--warn', '--crit', '--ok', '--debug'];
    const datasets = groups.map((g, i) => ({
      label: g === null ? 'value' : String(g), borderColor: L.cssVar(palette[i % palette.length]), pointRadius: 0, borderWidth: 1.5, tension: 0.2,
      data: starts.map((s) => { const p = res.points.find((q) => q.start === s && q.group === g); return p ? p.value : null; }),
    }));
    datasets.push({ label: 'threshold ' + res.operator + ' ' + res.threshold, data: starts.map(() => res.threshold), borderColor: L.cssVar('--err'), borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5 });
    const labels = starts.map((s) => L.fmtTime(s));
    document.body.dataset.previewPoints = String(res.points.length);
    if (!window.Chart) return;
    if (previewChart) previewChart.destroy();
    previewChart = new window.Chart($('preview-chart'), {
      type: 'line', data: { labels, datasets },
      options: { animation: false, maintainAspectRatio: false, spanGaps: true, scales: { x: { ticks: { maxTicksLimit: 8 } }, y: { beginAtZero: true } }, plugins: { legend: { position: 'bottom' } } },
    });
  }

  async function saveRule(e) {
    e.preventDefault();
    try {
      if (editing) await api('PUT', '/api/alerts/rules/' + encodeURIComponent(editing.id), ruleBody());
      else await api('POST', '/api/alerts/rules', ruleBody());
      $('rule-dialog').close();
      L.toast('Rule saved');
      load();
    } catch (err) {
      const box = $('rule-error');
      box.textContent = L.errorText(err);
      box.hidden = false;
    }
  }

  async function addChannel(e) {
    e.preventDefault();
    const type = $('channel-type').value;
    const config = type === 'webhook' ? { url: $('channel-url').value.trim(), ...($('channel-secret').value ? { secret: $('channel-secret').value } : {}) }
      : type === 'slack' ? { webhook_url: $('channel-url').value.trim() } : type === 'email' ? { to: list($('channel-to').value) } : {};
    try {
      await api('POST', '/api/alerts/channels', { name: $('channel-name').value.trim(), type, config });
      e.target.reset();
      showChannelFields();
      load();
    } catch (err) { showError(err, 'Channel'); }
  }

  function showChannelFields() {
    const type = $('channel-type').value;
    for (const f of document.querySelectorAll('#channel-form [data-for]')) f.hidden = !f.dataset.for.split(' ').includes(type);
  }

  async function addSilence(e) {
    e.preventDefault();
    const group = $('silence-group').value.trim();
    const matchers = { ...($('silence-rule').value ? { rule_id: $('silence-rule').value } : {}), ...(group ? { group } : {}), ...($('silence-severity').value ? { severity: $('silence-severity').value } : {}) };
    try {
      await api('POST', '/api/alerts/silences', { matchers, ends_at: new Date(Date.now() + Number($('silence-hours').value) * 3600e3).toISOString(), comment: $('silence-comment').value.trim() });
      e.target.reset();
      load();
    } catch (err) { showError(err, 'Silence'); }
  }

  L.onReady(() => {
    if (canWrite) {
      $('new-rule').addEventListener('click', () => openEditor(null));
      $('rule-cancel').addEventListener('click', () => $('rule-dialog').close());
      $('rule-form').addEventListener('submit', saveRule);
      $('rule-form').addEventListener('input', schedulePreview);
      $('rule-aggregation').addEventListener('change', showAggregationFields);
      $('channel-form').addEventListener('submit', addChannel);
      $('channel-type').addEventListener('change', showChannelFields);
      $('silence-form').addEventListener('submit', addSilence);
      showChannelFields();
    }
    load();
    setInterval(() => { if (!$('rule-dialog').open) load(); }, REFRESH_MS);
    // A pushed alert changed something here: show it now rather than at the next refresh.
    const pushed = window.LognestAlertNotifications;
    if (pushed) pushed.socket.on('notification', (n) => { if (n && n.kind === 'alert' && !$('rule-dialog').open) load(); });
  });
})();
