import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The ids of the request being served, for response headers, the access log and Lognest's own log lines. */
export interface RequestContext {
  requestId: string;
  correlationId: string;
  /** From a valid W3C `traceparent` header, else null. */
  traceId: string | null;
  parentSpanId: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the request this code runs for, or undefined outside a request (startup, timers). */
export const currentRequestContext = (): RequestContext | undefined => storage.getStore();

export const runInRequestContext = <T>(context: RequestContext, fn: () => T): T => storage.run(context, fn);

/** Ids a caller may choose: up to 128 characters that are safe in a header and a log line. */
const SAFE_ID = /^[A-Za-z0-9._:@\/+=-]{1,128}$/;
/** `version-traceid-parentid-flags`; an all-zero trace or parent id is invalid (W3C Trace Context). */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

const callerId = (value: string | string[] | undefined): string | null => {
  const id = Array.isArray(value) ? value[0] : value;
  return id !== undefined && SAFE_ID.test(id) ? id : null;
};

export function parseTraceparent(value: string | string[] | undefined): { traceId: string; parentSpanId: string } | null {
  const header = (Array.isArray(value) ? value[0] : value)?.trim().toLowerCase();
  const m = header ? TRACEPARENT.exec(header) : null;
  if (!m || m[1] === 'ff' || /^0+$/.test(m[2]) || /^0+$/.test(m[3])) return null;
  return { traceId: m[2], parentSpanId: m[3] };
}

/**
 * The caller's X-Request-ID when it is safe, else a new UUID; X-Correlation-ID echoed when
 * safe, else the trace id of a valid traceparent, else the request id (as seed 002 does).
 */
export function requestContextOf(headers: Record<string, string | string[] | undefined>): RequestContext {
  const requestId = callerId(headers['x-request-id']) ?? randomUUID();
  const trace = parseTraceparent(headers.traceparent);
  return {
    requestId,
    correlationId: callerId(headers['x-correlation-id']) ?? trace?.traceId ?? requestId,
    traceId: trace?.traceId ?? null,
    parentSpanId: trace?.parentSpanId ?? null,
  };
}
