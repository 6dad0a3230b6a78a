import * as fs from 'node:fs';
import * as path from 'node:path';
import { newSecret } from '../ids';

/**
 * The secret that signs session cookies: LOGNEST_SESSION_SECRET, or one generated on the
 * first start and kept in `<dataDir>/session-secret` (mode 600) so restarts keep sessions.
 */
export function resolveSessionSecret(configured: string | null, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'session-secret');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, newSecret(), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    fs.chmodSync(file, 0o600);
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 16) throw new Error(`${file} holds no usable session secret; delete it to generate a new one`);
  return secret;
}
