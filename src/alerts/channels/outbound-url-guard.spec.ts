import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { isForbiddenAddress, OutboundUrlGuard } from './outbound-url-guard';

describe('outbound URL guard', () => {
  it.each(['169.254.169.254', '169.254.0.1', 'fe80::1', 'FE80::abcd', '::ffff:169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '0.0.0.0'])('forbids %s', (a) => {
    expect(isForbiddenAddress(a)).toBe(true);
  });

  it.each(['127.0.0.1', '10.0.0.5', '8.8.8.8', '::1', '2001:db8::1', 'example.com'])('allows %s', (a) => {
    expect(isForbiddenAddress(a)).toBe(false);
  });

  it('refuses metadata URLs, other protocols and credentials, naming the reason', () => {
    const guard = new OutboundUrlGuard();
    expect(guard.problem('http://169.254.169.254/latest/meta-data/')).toMatch(/link-local/);
    expect(guard.problem('http://[fe80::1]:8080/x')).toMatch(/link-local/);
    expect(guard.problem('http://[::ffff:a9fe:a9fe]/')).toMatch(/link-local/);
    expect(guard.problem('http://metadata.google.internal/computeMetadata/v1/')).toMatch(/metadata/);
    expect(guard.problem('file:///etc/passwd')).toMatch(/http/);
    expect(guard.problem('http://user:pw@example.com/')).toMatch(/credentials/);
    expect(guard.problem('not a url')).toMatch(/not a URL/);
    expect(guard.problem('https://hooks.example.com/x')).toBeNull();
  });

  it('restricts hosts to LOGNEST_WEBHOOK_ALLOWED_HOSTS when set', () => {
    const guard = new OutboundUrlGuard(['hooks.slack.com', '*.example.com']);
    expect(guard.problem('https://hooks.slack.com/services/x')).toBeNull();
    expect(guard.problem('https://a.example.com/x')).toBeNull();
    expect(guard.problem('https://example.com.evil.net/x')).toMatch(/ALLOWED_HOSTS/);
    expect(guard.problem('http://127.0.0.1:9/x')).toMatch(/ALLOWED_HOSTS/);
  });

  it('refuses at connect time a name that resolves to a forbidden address, and connects otherwise', async () => {
    const guard = new OutboundUrlGuard();
    const server = http.createServer((_, res) => res.end('ok')).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    const get = (host: string) =>
      new Promise<string>((resolve, reject) => {
        http.get({ host, port, lookup: guard.lookup }, (res) => res.resume().on('end', () => resolve(String(res.statusCode)))).on('error', reject);
      });
    try {
      await expect(get('localhost')).resolves.toBe('200');
      // A name the resolver maps to the metadata address (as a rebinding DNS would).
      const rebinding = new OutboundUrlGuard([], (_h, _o, cb) => cb(null, [{ address: '169.254.169.254', family: 4 }]));
      await expect(new Promise((resolve, reject) => {
        http.get({ host: 'rebind.example', port, lookup: rebinding.lookup }, resolve).on('error', reject);
      })).rejects.toThrow(/link-local or metadata/);
    } finally {
      server.close();
    }
  });
});
