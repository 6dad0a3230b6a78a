import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { waitFor } from './test-app';

/** Tests that run Lognest as a real process: the compiled server in dist/. */
export const ROOT = path.resolve(__dirname, '../..');

/**
 * Compiles the server into `outDir` (under the project, so it finds views and public). Specs that
 * run in parallel build into their own folder: one rewriting dist/ while another's child loads
 * it could hand that child a half-written file.
 */
export function buildServer(outDir = 'dist'): void {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: ROOT, stdio: 'inherit' });
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export function call(port: number, method: string, url: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Starts <outDir>/src/main.js on `port` with `env` over the test's own environment; resolves once /api/health answers. */
export async function startServer(port: number, env: Record<string, string>, outDir = 'dist'): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, outDir, 'src/main.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOGNEST_BCRYPT_ROUNDS: '4', LOGNEST_LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  await waitFor(async () => {
    if (exited !== null) throw new Error(`the server on port ${port} exited with ${exited} during start`);
    return (await call(port, 'GET', '/api/health').catch(() => ({ status: 0 }))).status === 200;
  }, 60_000, 100);
  return child;
}

/** A bearer token for `username` from POST /api/auth/login. */
export async function loginToken(port: number, username: string, password: string): Promise<string> {
  const res = await call(port, 'POST', '/api/auth/login', JSON.stringify({ username, password }));
  if (res.status !== 200) throw new Error(`login of ${username} on ${port}: ${res.status} ${res.body}`);
  return JSON.parse(res.body).token;
}
