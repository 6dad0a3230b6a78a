// Turns one simulated request (or background job) into the 1-4 log records it leaves: the
// access log, maybe its SQL query, a cache lookup and a security event, all sharing one
// correlation_id and trace_id and timed inside the request.

import { Prng, WeightedPicker } from './prng';
import {
  API_SERVERS, BACKGROUND_JOBS, CACHE_KEYS, ENDPOINTS, ENVIRONMENTS, EndpointSpec, STATUS_CODES, Service, WORKER_SERVERS,
} from './sample-log-catalog';
import { SampleLogRecord } from './sample-log-record';
import {
  BURST_API_MESSAGE, BURST_STATUS, BurstKind, MessageContext, clientErrorMessage, redirectMessage, securityMessage,
  serverErrorMessage, successMessage,
} from './sample-messages';
import { sqlFor } from './sample-sql';

export interface Session {
  userNum: number;
  userId: string;
  accountNum: number;
  accountId: string;
  clientIp: string;
  userAgent: string;
}

export interface Burst {
  start: number;
  end: number;
  kind: BurstKind;
  /** null: every service is hit (a shared database went down). */
  service: Service | null;
}

/** What the records of one request share. */
interface RequestContext {
  logType: string;
  service: string;
  server: string;
  environment: string;
  correlationId: string;
  traceId: string;
}

export interface TimedRecord {
  ts: number;
  record: SampleLogRecord;
}

const JOB_SERVICE: Record<(typeof BACKGROUND_JOBS)[number], Service> = {
  'send-welcome-email': 'notifications', 'send-invoice-email': 'notifications', 'sync-stripe-customers': 'payments',
  'rebuild-search-index': 'search', 'expire-sessions': 'auth', 'generate-usage-report': 'users',
  'retry-failed-webhooks': 'notifications', 'resize-product-images': 'products',
};

const round2 = (x: number): number => Math.round(x * 100) / 100;

export class SampleRequestBuilder {
  private readonly endpoints = new WeightedPicker(ENDPOINTS, ENDPOINTS.map((e) => e.weight));
  private readonly statuses = WeightedPicker.of<number>(STATUS_CODES);
  private readonly environments = WeightedPicker.of<string>(ENVIRONMENTS);

  constructor(private readonly rng: Prng) {}

  /** Appends the records of one HTTP request starting at t0; never more than `budget`. */
  httpRequest(out: TimedRecord[], t0: number, s: Session, burst: Burst | null, budget: number): void {
    const rng = this.rng;
    const ep = this.endpoints.pick(rng);
    const id = ep.path.includes('{id}') ? rng.int(1, 50_000) : rng.int(50_001, 90_000);
    const endpoint = ep.path.includes('{id}') ? ep.path.replace('{id}', String(id)) : ep.path;
    const hit = burst !== null && (burst.service === null || burst.service === ep.service) && rng.chance(0.55);
    const status = hit ? BURST_STATUS[burst.kind] : this.statusFor(ep);
    const critical = status >= 500 && rng.chance(0.12);
    const rt = round2(this.responseTime(status));
    const c: MessageContext = { user: s.userId, account: s.accountId, id, endpoint };
    const base = this.base('api', ep.service, rng.pick(API_SERVERS));
    const api = this.record(base, t0 + Math.round(rt), 'INFO', '');
    api.record.user_id = s.userId;
    api.record.account_id = s.accountId;
    api.record.client_ip = s.clientIp;
    api.record.user_agent = s.userAgent;
    api.record.method = ep.method;
    api.record.endpoint = endpoint;
    api.record.status_code = status;
    api.record.response_time_ms = rt;
    if (status >= 500) {
      api.record.level = critical ? 'CRITICAL' : 'ERROR';
      api.record.message = hit ? BURST_API_MESSAGE[burst.kind] : serverErrorMessage(status, ep, critical);
    } else if (status >= 400) {
      api.record.level = 'WARNING';
      api.record.message = clientErrorMessage(status, ep, rng, c);
    } else if (status >= 300) {
      api.record.message = redirectMessage(status, c);
    } else {
      api.record.message = rt > 1000 ? `Slow request: ${ep.method} ${endpoint} took ${rt}ms` : successMessage(ep, rng, c);
      if (rt > 1000) api.record.level = 'WARNING';
    }
    out.push(api);
    let left = budget - 1;
    if (left > 0 && (status < 400 || status >= 500) && rng.chance(ep.dbChance)) {
      out.push(this.database(base, ep, t0 + 1 + Math.floor(rt * 0.4 * rng.next()), s, id, hit ? burst.kind : null));
      left--;
    }
    if (left > 0 && ep.method === 'GET' && rng.chance(0.3)) {
      const key = `${rng.pick(CACHE_KEYS)}:${id}`;
      const hitCache = rng.chance(0.7);
      out.push(this.record(base, t0 + 1, 'DEBUG', `Cache ${hitCache ? 'hit' : 'miss'} for key ${key}`, 'cache'));
      left--;
    }
    if (left > 0 && status >= 500 && !hit) {
      const detail = api.record.message.split('\n')[0];
      out.push(this.record(base, t0 + Math.round(rt) - 1, 'ERROR', `Unhandled error in ${ep.method} ${endpoint}: ${detail}`, 'application'));
      left--;
    }
    const security = left > 0 ? securityMessage(status, ep, c, s.clientIp) : null;
    if (security !== null) {
      const sec = this.record(base, t0 + Math.max(0, Math.round(rt) - 1), status < 300 ? 'INFO' : 'WARNING', security, 'security');
      sec.record.user_id = s.userId;
      sec.record.client_ip = s.clientIp;
      out.push(sec);
    }
  }

  /** A job on a worker server: its outcome log and maybe its query. */
  backgroundJob(out: TimedRecord[], t0: number, burst: Burst | null, budget: number): void {
    const rng = this.rng;
    const job = rng.pick(BACKGROUND_JOBS);
    const service = JOB_SERVICE[job];
    const base = this.base('application', service, rng.pick(WORKER_SERVERS));
    const hit = burst !== null && (burst.service === null || burst.service === service) && rng.chance(0.55);
    const ms = rng.int(40, 4000);
    if (hit) {
      out.push(this.record(base, t0 + 5000, 'ERROR', `Job ${job} failed: ${BURST_API_MESSAGE[burst.kind]}`));
    } else if (rng.chance(0.08)) {
      out.push(this.record(base, t0 + ms, 'WARNING', `Job ${job} failed: SMTP connection timeout, retry ${rng.int(1, 4)}/5 in 60s`));
    } else {
      out.push(this.record(base, t0 + ms, 'INFO', `Job ${job} completed in ${ms}ms, ${rng.int(1, 500)} items`));
    }
    if (budget > 1 && rng.chance(0.5)) {
      const ep = ENDPOINTS.find((e) => e.service === service) as EndpointSpec;
      const n = rng.int(1, 20_000);
      out.push(this.database(base, ep, t0 + 2, { userNum: n, accountNum: n % 800 + 1 } as Session, n, hit ? burst.kind : null));
    }
  }

  private database(base: RequestContext, ep: EndpointSpec, ts: number, s: Session, id: number, burst: BurstKind | null): TimedRecord {
    const rng = this.rng;
    const r = this.record(base, ts, 'INFO', '', 'database');
    r.record.sql_query = sqlFor(ep, rng, { userNum: s.userNum, accountNum: s.accountNum, id });
    if (burst === 'db-timeout' || burst === 'pool-exhausted') {
      r.record.level = 'ERROR';
      r.record.query_duration_ms = burst === 'db-timeout' ? 5000 : 3000;
      r.record.message = burst === 'db-timeout'
        ? 'Database connection timeout after 5000ms'
        : 'Could not acquire a connection after 3000ms: pool exhausted (20/20 in use)';
    } else if (burst === 'deadlock' || rng.chance(0.001)) {
      r.record.level = burst ? 'ERROR' : 'WARNING';
      r.record.query_duration_ms = round2(200 + rng.next() * 1800);
      r.record.message = `Deadlock detected on table ${ep.table}, ${burst ? 'transaction rolled back' : 'retrying (attempt 1/3)'}`;
    } else if (rng.chance(0.015)) {
      const d = round2(1000 + rng.next() * 3000);
      r.record.level = 'WARNING';
      r.record.query_duration_ms = d;
      r.record.message = `Slow query on ${ep.table} took ${d}ms`;
    } else {
      const u = rng.next();
      const d = round2(0.2 + 45 * u * u * u);
      r.record.query_duration_ms = d;
      r.record.message = `Query on ${ep.table} returned ${rng.int(0, 50)} rows in ${d}ms`;
    }
    return r;
  }

  private statusFor(ep: EndpointSpec): number {
    let status = this.statuses.pick(this.rng);
    if (ep.service === 'payments' && status >= 400 && status < 500 && this.rng.chance(0.4)) status = 422;
    if (ep.method === 'GET' && (status === 201 || status === 204)) status = 200;
    if (ep.method !== 'GET' && status === 304) status = 200;
    return status;
  }

  private responseTime(status: number): number {
    const u = this.rng.next();
    if (status >= 500) return 1000 + 4000 * u;
    if (status >= 300) return 10 + 190 * u;
    if (this.rng.chance(0.03)) return 500 + 2500 * u * u;
    return 10 + 490 * u * u;
  }

  private base(logType: string, service: string, server: string): RequestContext {
    const rng = this.rng;
    return { logType, service, server, environment: this.environments.pick(rng), correlationId: rng.uuid(), traceId: rng.hex(32) };
  }

  /** One record of the request; one literal keeps every record the same object shape. */
  private record(c: RequestContext, ts: number, level: string, message: string, logType = c.logType): TimedRecord {
    return {
      ts,
      record: {
        timestamp: '', log_type: logType, level, message, service: c.service, server: c.server,
        environment: c.environment, correlation_id: c.correlationId, trace_id: c.traceId,
        user_id: undefined, account_id: undefined, client_ip: undefined, method: undefined, endpoint: undefined,
        status_code: undefined, response_time_ms: undefined, user_agent: undefined, sql_query: undefined,
        query_duration_ms: undefined,
      },
    };
  }
}
