import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveSessionSecret } from './session-secret';

describe('resolveSessionSecret', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-secret-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('uses the configured secret and writes nothing', () => {
    expect(resolveSessionSecret('configured-secret-0123', dir)).toBe('configured-secret-0123');
    expect(fs.existsSync(path.join(dir, 'session-secret'))).toBe(false);
  });

  it('generates a secret once, private to the owner, and keeps it across starts', () => {
    const first = resolveSessionSecret(null, path.join(dir, 'data'));
    const file = path.join(dir, 'data', 'session-secret');
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveSessionSecret(null, path.join(dir, 'data'))).toBe(first);
  });
});
