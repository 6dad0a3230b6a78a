// Runs Lognest as a child process for the bench: fresh temp dirs, a free port, embedded
// stores only (inherited LOGNEST_* variables are dropped), API rate limits off (the benches
// measure the stores; 20 searchers of one user pass `search=50/minute` in seconds, and their
// 429s counted as fast answers), and an RSS sampler on its pid.

import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface LognestServerOptions {
  mainJs: string;
  cwd: string;
  dataDir: string;
  uploadsDir: string;
  adminPassword: string;
  startTimeoutMs?: number;
  /** A fixed port (else a free one is picked). */
  port?: number;
  /** More variables for the server (inputs, say). */
  env?: Record<string, string>;
  /** Node options for the server process (`--cpu-prof`, say). */
  nodeArgs?: string[];
}

const OUTPUT_TAIL_CHARS = 16_384;

export class LognestServer {
  private outputTail = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    const keep = (chunk: Buffer): void => {
      this.outputTail = (this.outputTail + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get output(): string {
    return this.outputTail;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  static async start(o: LognestServerOptions): Promise<LognestServer> {
    const port = o.port ?? (await freePort());
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('LOGNEST_') && k !== 'PORT') env[k] = v;
    Object.assign(env, {
      PORT: String(port),
      LOGNEST_DATA_DIR: o.dataDir,
      LOGNEST_UPLOADS_DIR: o.uploadsDir,
      LOGNEST_ADMIN_PASSWORD: o.adminPassword,
      LOGNEST_RATE_LIMITS: 'off',
      ...o.env,
    });
    const child = spawn(process.execPath, [...(o.nodeArgs ?? []), o.mainJs], { cwd: o.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new LognestServer(child, port);
    await server.waitHealthy(o.startTimeoutMs ?? 60_000);
    return server;
  }

  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 30_000): Promise<{ code: number | null; signal: string | null; forced: boolean }> {
    if (this.exited) return { code: this.child.exitCode, signal: this.child.signalCode, forced: false };
    const exit = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const [code, signal] = (await exit) as [number | null, string | null];
    clearTimeout(timer);
    return { code, signal, forced: signal === 'SIGKILL' };
  }

  private async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`Lognest exited during start (code ${this.child.exitCode}):\n${this.outputTail}`);
      try {
        const res = await fetch(`${this.baseUrl}/api/health`);
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    this.child.kill('SIGKILL');
    throw new Error(`GET /api/health did not answer 200 within ${timeoutMs} ms:\n${this.outputTail}`);
  }
}

/** Samples a process's resident set size (VmRSS) every `intervalMs`; Linux only. */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private phaseMax = 0;
  overallMax = 0;

  constructor(private readonly pid: number, private readonly intervalMs = 200) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The largest RSS seen since the previous call, in MB. */
  takePhaseMaxMb(): number {
    this.sample();
    const max = this.phaseMax;
    this.phaseMax = 0;
    return Math.round((max / 1024) * 10) / 10;
  }

  private sample(): void {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      if (!m) return;
      const kb = Number(m[1]);
      this.phaseMax = Math.max(this.phaseMax, kb);
      this.overallMax = Math.max(this.overallMax, kb);
    } catch {
      // process gone or no /proc
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
