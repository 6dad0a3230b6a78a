import * as net from 'node:net';
import { startTestApp, TestApp, waitFor } from '../support/test-app';

function sendRaw(port: number, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(data));
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

describe('network inputs read their messages with LOGNEST_INPUT_RULES (e2e)', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('applies a named format to the JSON-lines input’s messages, and leaves messages it does not match as they came', async () => {
    const app = await startTestApp({ env: { LOGNEST_TCP_JSON_PORT: '0', LOGNEST_INPUT_RULES: 'tcp-json:nginx_error' } });
    t = app;
    const inputs = (await app.http.get('/api/inputs').set(app.auth).expect(200)).body.inputs;
    const port = Number(inputs.find((i: { name: string }) => i.name === 'tcp-json').address.split(':')[1]);
    await sendRaw(port, [
      JSON.stringify({ message: '2024/12/10 06:55:46 [error] 1234#0: *5 inputword open() failed', host: 'edge-1' }),
      JSON.stringify({ message: 'inputword free text', level: 'warn' }),
    ].join('\n') + '\n');
    const body = await waitFor(async () => {
      const res = (await app.http.post('/api/search').set(app.auth).send({ q: 'inputword', sort: 'asc' }).expect(200)).body;
      return res.total === 2 ? res : null;
    });
    expect(body.results[0]).toMatchObject({ '@timestamp': '2024-12-10T06:55:46.000Z', level: 'ERROR', server: 'edge-1', message: 'inputword open() failed', fields: { pid: '1234', connection: '5' } });
    expect(body.results[1]).toMatchObject({ level: 'WARNING', message: 'inputword free text' });
  });

  it('stops the start when the rule is neither a format nor a saved rule', async () => {
    await expect(startTestApp({ env: { LOGNEST_TCP_JSON_PORT: '0', LOGNEST_INPUT_RULES: 'tcp-json:no-such-rule' } })).rejects.toThrow(/LOGNEST_INPUT_RULES: tcp-json:no-such-rule/);
  });
});
