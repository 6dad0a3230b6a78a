// A keep-alive HTTP client for the bench: raw bodies (Buffers or streams), bearer token,
// and a retry loop that honours Retry-After on 429/503 as Lognest's backpressure asks.

import http from 'node:http';
import { Readable } from 'node:stream';
import { sleep } from './lognest-server';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RequestOptions {
  headers?: Record<string, string | number>;
  body?: Buffer | string | (() => Readable);
}

export class BenchHttpClient {
  private readonly agent: http.Agent;
  token: string | undefined;
  /** How many 429/503 answers were waited out. */
  backoffs = 0;

  constructor(private readonly baseUrl: string, maxSockets = 8) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  close(): void {
    this.agent.destroy();
  }

  async json<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
    const res = await this.request(method, path, {
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, data: parseJson(res.body) as T };
  }

  /** Sends; on 429/503 waits Retry-After (default 1 s) and sends again, up to `maxTries`. */
  async requestWithBackoff(method: string, path: string, opts: RequestOptions, maxTries = 100): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt++) {
      const res = await this.request(method, path, opts);
      if ((res.status !== 429 && res.status !== 503) || attempt >= maxTries) return res;
      this.backoffs++;
      const retryAfter = Number(res.headers['retry-after']);
      await sleep(Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : 1000);
    }
  }

  /**
   * One request. A keep-alive socket the server closed while this process was busy (its
   * event loop blocked generating bodies on a loaded machine, so the close went unseen)
   * fails with ECONNRESET / EPIPE before the server read anything: that is sent again once on
   * a fresh socket, as Node's http docs advise (`request.reusedSocket`).
   */
  async request(method: string, path: string, opts: RequestOptions = {}): Promise<HttpResponse> {
    try {
      return await this.send(method, path, opts);
    } catch (err) {
      const code = (err as { code?: string; reusedSocket?: boolean }).code;
      const stale = (err as { reusedSocket?: boolean }).reusedSocket === true && (code === 'ECONNRESET' || code === 'EPIPE');
      if (!stale || typeof opts.body === 'function') throw err;
      return this.send(method, path, opts);
    }
  }

  private send(method: string, path: string, opts: RequestOptions): Promise<HttpResponse> {
    const url = new URL(path, this.baseUrl);
    const headers: Record<string, string | number> = { ...opts.headers };
    if (this.token !== undefined) headers.Authorization = `Bearer ${this.token}`;
    const body = opts.body;
    if (typeof body === 'string' || Buffer.isBuffer(body)) headers['Content-Length'] = Buffer.byteLength(body);
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
      if (typeof body === 'function') {
        const stream = body();
        stream.on('error', (err) => req.destroy(err));
        stream.pipe(req);
      } else {
        req.end(body);
      }
    });
  }
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return body.toString('utf8').slice(0, 500);
  }
}

export function describeFailure(what: string, res: { status: number; body?: Buffer; data?: unknown }): Error {
  const detail = res.data !== undefined ? JSON.stringify(res.data) : (res.body?.toString('utf8') ?? '');
  return new Error(`${what}: HTTP ${res.status} ${detail.slice(0, 300)}`);
}
