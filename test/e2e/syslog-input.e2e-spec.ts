import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { startTestApp, TestApp, waitFor } from '../support/test-app';

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 15_000 }, (err, _out, stderr) => (err ? reject(new Error(`${command}: ${stderr || err}`)) : resolve()));
  });
}

async function inputs(t: TestApp): Promise<Record<string, { address: string; received: number; accepted: number; rejected: number; rejectReasons: Record<string, number>; enabled: boolean }>> {
  const res = await t.http.get('/api/inputs').set(t.auth).expect(200);
  return Object.fromEntries(res.body.inputs.map((i: { name: string }) => [i.name, i]));
}

async function found(t: TestApp, q: string, count: number) {
  return waitFor(async () => {
    const body = (await t.http.post('/api/search').set(t.auth).send({ q, per_page: 100, sort: 'asc' }).expect(200)).body;
    return body.total >= count ? body : null;
  }, 10_000, 50);
}

function sendRaw(port: number, data: Buffer | string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(data));
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

describe('syslog and JSON-lines listeners (e2e, util-linux logger)', () => {
  let t: TestApp;
  let udp: number;
  let tcp: number;
  let json: number;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGNEST_SYSLOG_UDP_PORT: '0', LOGNEST_SYSLOG_TCP_PORT: '0', LOGNEST_TCP_JSON_PORT: '0' } });
    const all = await inputs(t);
    [udp, tcp, json] = ['syslog-udp', 'syslog-tcp', 'tcp-json'].map((name) => Number(all[name].address.split(':')[1]));
  });
  afterAll(() => t.close());

  it.each([
    ['--udp', '--rfc5424', []],
    ['--udp', '--rfc3164', []],
    ['--tcp', '--rfc5424', ['--octet-count']],
    ['--tcp', '--rfc3164', []],
  ])('takes logger %s %s %s', async (transport, format, extra) => {
    const word = `logger${transport.slice(2)}${format.slice(5)}${extra.length}word`;
    const port = transport === '--udp' ? udp : tcp;
    await run('logger', ['--server', '127.0.0.1', '--port', String(port), transport, format, ...extra, '-t', 'billing', '-p', 'local3.err', '--id=4242', '--', `payment failed ${word}`]);
    const result = await found(t, word, 1);
    expect(result.results[0]).toMatchObject({ service: 'billing', level: 'ERROR', message: `payment failed ${word}`, fields: { 'syslog.facility': 'local3', 'syslog.procid': '4242' } });
    expect(result.results[0].server).toEqual(expect.any(String));
    expect(Math.abs(Date.parse(result.results[0]['@timestamp']) - Date.now())).toBeLessThan(60_000);
  });

  it('counts malformed frames with a reason and keeps the connection and the frames after them', async () => {
    const before = (await inputs(t))['syslog-tcp'];
    const stream = Buffer.concat([
      Buffer.from('<13>Dec  2 03:55:00 h app: first survivorword\n'),
      Buffer.from('<999>bad pri survivorword\n'),
      Buffer.from('no pri at all survivorword\n'),
      Buffer.from([0x3c, 0x31, 0x33, 0x3e, 0xff, 0xfe, 0x00, 0x01, 0x0a]),
      Buffer.from(`<13>${'x'.repeat(1024 * 1024 + 10)}\n`),
      Buffer.from('17x <13>bad count\n'),
      Buffer.from('39 <13>1 - h app - - - second survivorword'),
      Buffer.from('<13>third survivorword\n'),
      Buffer.from('40 <13>truncated at the close'),
    ]);
    await sendRaw(tcp, stream);
    const result = await found(t, 'survivorword', 3);
    expect(result.results.map((r: { message: string }) => r.message)).toEqual(['first survivorword', 'second survivorword', 'third survivorword']);
    const after = await waitFor(async () => {
      const s = (await inputs(t))['syslog-tcp'];
      return s.rejected - before.rejected >= 6 ? s : null;
    });
    const delta = (reason: string) => (after.rejectReasons[reason] ?? 0) - (before.rejectReasons[reason] ?? 0);
    expect([delta('invalid PRI'), delta('not UTF-8'), delta('frame too long'), delta('invalid octet count'), delta('truncated frame')]).toEqual([2, 1, 1, 1, 1]);
    expect(after.received - before.received).toBe(9);
    expect(after.accepted - before.accepted).toBe(3);
    const metrics = (await t.http.get('/metrics').set(t.auth).expect(200)).text;
    expect(metrics).toContain(`lognest_input_rejected_records{input="syslog-tcp",reason="invalid PRI"} ${after.rejectReasons['invalid PRI']}`);
    expect(metrics).toContain('lognest_input_enabled{input="syslog-udp"} 1');
  });

  it('takes JSON lines over TCP (nc-style), keeping non-JSON lines as text and rejecting binary', async () => {
    const lines = [
      JSON.stringify({ timestamp: '2026-12-01T10:00:00Z', level: 'warn', msg: 'cache miss jsonlineword', service: 'cache', key: 'k1' }),
      '{"broken": json jsonlineword',
      'plain text jsonlineword',
      '\u0000\u0001\u0002',
      JSON.stringify({ message: 'last jsonlineword' }),
    ];
    await sendRaw(json, lines.join('\n') + '\n');
    const result = await found(t, 'jsonlineword', 4);
    expect(result.results.map((r: { message: string }) => r.message)).toEqual(['cache miss jsonlineword', '{"broken": json jsonlineword', 'plain text jsonlineword', 'last jsonlineword']);
    expect(result.results[0]).toMatchObject({ service: 'cache', level: 'WARNING', '@timestamp': '2026-12-01T10:00:00.000Z', fields: { key: 'k1' } });
    const status = (await inputs(t))['tcp-json'];
    expect(status).toMatchObject({ enabled: true, accepted: 4, rejected: 1, rejectReasons: { 'binary data': 1 } });
  });

  it('writes listener records into LOGNEST_INPUTS_TENANT only', async () => {
    const other = await t.userIn('acme', 'acme-syslog');
    await run('logger', ['--server', '127.0.0.1', '--port', String(udp), '--udp', '--', 'tenantcheckword']);
    await found(t, 'tenantcheckword', 1);
    const seen = (await t.http.post('/api/search').set(other).send({ q: 'tenantcheckword' }).expect(200)).body;
    expect(seen.total).toBe(0);
  });

  const rsyslogd = ['/usr/sbin/rsyslogd', '/sbin/rsyslogd'].find((p) => fs.existsSync(p));
  (rsyslogd ? it : it.skip)('takes what rsyslog forwards (omfwd, TCP, octet-counted RFC 5424)', async () => {
    const dir = path.join(t.dir, 'rsyslog');
    fs.mkdirSync(dir, { recursive: true });
    const inPort = 8131;
    fs.writeFileSync(path.join(dir, 'rsyslog.conf'), [
      `global(workDirectory="${dir}")`,
      'module(load="imudp")',
      `input(type="imudp" address="127.0.0.1" port="${inPort}")`,
      `action(type="omfwd" target="127.0.0.1" port="${tcp}" protocol="tcp" TCP_Framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format")`,
    ].join('\n'));
    const daemon = spawn(rsyslogd!, ['-n', '-f', path.join(dir, 'rsyslog.conf'), '-i', path.join(dir, 'rsyslog.pid')], { stdio: 'ignore' });
    try {
      await waitFor(async () => fs.existsSync(path.join(dir, 'rsyslog.pid')), 10_000);
      // rsyslog may take a moment to bind; logger over UDP until a message is forwarded.
      const result = await waitFor(async () => {
        await run('logger', ['--server', '127.0.0.1', '--port', String(inPort), '--udp', '--rfc3164', '-t', 'relayed', '-p', 'daemon.warning', '--', 'forwarded rsyslogword']);
        const body = (await t.http.post('/api/search').set(t.auth).send({ q: 'rsyslogword' }).expect(200)).body;
        return body.total > 0 ? body : null;
      }, 15_000, 300);
      expect(result.results[0]).toMatchObject({ service: 'relayed', level: 'WARNING', message: 'forwarded rsyslogword', fields: { 'syslog.facility': 'daemon', 'syslog.version': '1' } });
    } finally {
      daemon.kill();
    }
  });
});
