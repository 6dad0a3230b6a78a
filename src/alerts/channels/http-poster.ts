import * as http from 'node:http';
import * as https from 'node:https';
import { OutboundUrlGuard } from './outbound-url-guard';
import { SendOutcome } from './channel-sender';

export interface PostOptions {
  timeoutMs: number;
  /** Tries in all, the first included. */
  attempts: number;
  /** Wait before the second try; doubled before each further one. */
  backoffMs: number;
}

export const DEFAULT_POST_OPTIONS: PostOptions = { timeoutMs: 5_000, attempts: 3, backoffMs: 500 };

const MAX_ERROR_BODY = 200;

function once(url: URL, body: string, headers: Record<string, string>, guard: OutboundUrlGuard, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Lognest-Alerts' },
      lookup: guard.lookup,
      timeout: timeoutMs,
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (text.length < MAX_ERROR_BODY) text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: text.slice(0, MAX_ERROR_BODY) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

const retryable = (status: number) => status >= 500 || status === 429 || status === 408;

/**
 * POSTs JSON to a guarded URL: retries timeouts, connection errors, 5xx and 429 with
 * exponential backoff; a 4xx other than those is final. Never follows redirects (a redirect
 * could lead past the guard).
 */
export async function postJson(rawUrl: string, body: string, headers: Record<string, string>, guard: OutboundUrlGuard, options: PostOptions = DEFAULT_POST_OPTIONS): Promise<SendOutcome> {
  const problem = guard.problem(rawUrl);
  if (problem) return { ok: false, httpStatus: null, error: `URL ${problem}`, attempts: 0, retryable: false };
  const url = new URL(rawUrl);
  let last: SendOutcome = { ok: false, httpStatus: null, error: 'not sent', attempts: 0 };
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    if (attempt > 1) await new Promise((r) => setTimeout(r, options.backoffMs * 2 ** (attempt - 2)));
    try {
      const { status, text } = await once(url, body, headers, guard, options.timeoutMs);
      if (status >= 200 && status < 300) return { ok: true, httpStatus: status, error: null, attempts: attempt };
      last = { ok: false, httpStatus: status, error: `HTTP ${status}${text ? `: ${text}` : ''}`, attempts: attempt };
      if (!retryable(status)) return { ...last, retryable: false };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      last = { ok: false, httpStatus: null, error: (error as Error).message, attempts: attempt };
      if (code === 'EFORBIDDEN') return { ...last, retryable: false };
    }
  }
  return last;
}
