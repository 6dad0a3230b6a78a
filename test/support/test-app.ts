import { NestExpressApplication } from '@nestjs/platform-express';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { AuthService } from '../../src/auth/auth.service';
import { Role } from '../../src/auth/auth-types';
import { TenantStore } from '../../src/auth/tenant-store';
import { loadConfig } from '../../src/config/load-config';
import { createApp } from '../../src/create-app';
import { Clock } from '../../src/platform/clock';
import { FileIngestService } from '../../src/files/file-ingest.service';

export const ADMIN_PASSWORD = 'admin-password-1';
/** The password `userIn` gives every user it creates. */
export const USER_PASSWORD = 'user-password-1';

/** A supertest agent signed in by session (cookie jar), and its session's CSRF token. */
export interface SessionAgent {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
}

export interface TestApp {
  app: NestExpressApplication;
  dir: string;
  uploadsDir: string;
  http: ReturnType<typeof request>;
  token: string;
  /** Bearer header for the admin of tenant default. */
  auth: { Authorization: string };
  close(keepDir?: boolean): Promise<void>;
  /** Creates a tenant (if needed) and a user in it, and returns that user's bearer header. */
  userIn(tenantName: string, username: string, role?: Role): Promise<{ Authorization: string }>;
  filesIdle(): Promise<void>;
  /** Signs in through POST /api/login; send `csrf` as X-CSRF-Token on POST/PUT/DELETE. */
  sessionAgent(username: string, password: string, options?: { rememberMe?: boolean }): Promise<SessionAgent>;
}

/**
 * Boots the whole app on the embedded stores in a temp dir (or `dir`, to restart on the same
 * data). `noAdmin` starts a fresh install with no user at all (then `token`/`auth` are empty).
 */
export async function startTestApp(options: { dir?: string; env?: Record<string, string>; noAdmin?: boolean; clock?: Clock } = {}): Promise<TestApp> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-e2e-'));
  const uploadsDir = path.join(dir, 'uploads');
  const config = loadConfig({
    LOGNEST_DATA_DIR: path.join(dir, 'data'),
    LOGNEST_UPLOADS_DIR: uploadsDir,
    LOGNEST_ADMIN_PASSWORD: options.noAdmin ? '' : ADMIN_PASSWORD,
    LOGNEST_BCRYPT_ROUNDS: '4',
    LOGNEST_WATCH_INTERVAL_MS: '100',
    LOGNEST_LOG_LEVEL: 'error',
    LOGNEST_SESSION_SECRET: 'test-session-secret-0123456789',
    // Suites sign in dozens of users from one address; rate-limits.e2e-spec sets its own limits.
    LOGNEST_RATE_LIMITS: 'off',
    ...options.env,
  });
  const app = await createApp(config, { clock: options.clock });
  await app.init();
  const http = request(app.getHttpServer());
  const token = options.noAdmin
    ? ''
    : ((await http.post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200)).body.token as string);
  return {
    app,
    dir,
    uploadsDir,
    http,
    token,
    auth: { Authorization: `Bearer ${token}` },
    async close(keepDir = false) {
      await app.close();
      if (!keepDir) fs.rmSync(dir, { recursive: true, force: true });
    },
    async userIn(tenantName, username, role = 'member') {
      const tenants = app.get(TenantStore);
      const auth = app.get(AuthService);
      const tenant = (await tenants.findByName(tenantName)) ?? { id: `t-${tenantName}`, name: tenantName, createdAt: Date.now() };
      if (!(await tenants.get(tenant.id))) await tenants.create(tenant);
      await auth.createUser({ username, password: USER_PASSWORD, role, tenantId: tenant.id });
      const res = await http.post('/api/auth/login').send({ username, password: USER_PASSWORD }).expect(200);
      return { Authorization: `Bearer ${res.body.token}` };
    },
    filesIdle: () => app.get(FileIngestService).whenIdle(),
    sessionAgent: (username, password, options) => sessionAgent(app, username, password, options),
  };
}

export async function sessionAgent(
  app: NestExpressApplication,
  username: string,
  password: string,
  options: { rememberMe?: boolean } = {},
): Promise<SessionAgent> {
  const agent = request.agent(app.getHttpServer());
  await agent.post('/api/login').send({ username, password, remember_me: options.rememberMe ?? false }).expect(200);
  const csrf = (await agent.get('/api/csrf').expect(200)).body.token as string;
  return { agent, csrf };
}

/** NDJSON body of `n` records, each with a distinct `seq` and a shared `marker` word. */
export function ndjson(n: number, marker: string, extra: (i: number) => Record<string, unknown> = () => ({})): string {
  const base = Date.parse('2026-11-20T10:00:00Z');
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      timestamp: new Date(base + i * 1000).toISOString(),
      level: i % 10 === 0 ? 'error' : 'info',
      message: `request ${marker} number ${i}`,
      service: 'api',
      endpoint: `/api/items/${i % 3}`,
      status_code: i % 10 === 0 ? 500 : 200,
      response_time_ms: 10 + i,
      seq: i,
      ...extra(i),
    }),
  ).join('\n');
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
