// HTTP bulk ingest: NDJSON bodies of `batchSize` records POSTed to /api/logs/bulk by
// `concurrency` clients pulling from one shared queue of bodies.

import { BenchHttpClient, describeFailure, parseJson } from './bench-http';
import { GenerateOptions, generateLogBatches } from './sample-log-generator';
import { toNdjsonLine } from './sample-log-writer';

export interface NdjsonBody {
  records: number;
  data: Buffer;
}

export interface IngestResult {
  records_sent: number;
  accepted: number;
  rejected: number;
  requests: number;
  backoffs_429_503: number;
  seconds: number;
  records_per_s: number;
}

/** Bodies of `batchSize` records, generated lazily; `onRecordId` sees every correlation_id. */
export function* ndjsonBodies(opts: GenerateOptions, batchSize: number, onCorrelationId?: (id: string, i: number) => void): Generator<NdjsonBody> {
  let lines: string[] = [];
  let i = 0;
  for (const batch of generateLogBatches(opts)) {
    for (const r of batch) {
      onCorrelationId?.(r.correlation_id, i++);
      lines.push(toNdjsonLine(r));
      if (lines.length === batchSize) {
        yield { records: lines.length, data: Buffer.from(lines.join('\n') + '\n') };
        lines = [];
      }
    }
  }
  if (lines.length > 0) yield { records: lines.length, data: Buffer.from(lines.join('\n') + '\n') };
}

/** Sends every body; each of the `concurrency` workers takes the next body when it is free. */
export async function bulkIngest(client: BenchHttpClient, bodies: Iterator<NdjsonBody>, concurrency: number): Promise<IngestResult> {
  const backoffsBefore = client.backoffs;
  let sent = 0;
  let accepted = 0;
  let rejected = 0;
  let requests = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    for (let next = bodies.next(); !next.done; next = bodies.next()) {
      const body = next.value;
      const res = await client.requestWithBackoff('POST', '/api/logs/bulk', {
        headers: { 'Content-Type': 'application/x-ndjson' },
        body: body.data,
      });
      requests++;
      sent += body.records;
      if (res.status < 200 || res.status >= 300) throw describeFailure('POST /api/logs/bulk', res);
      const counts = acceptedCounts(parseJson(res.body), body.records);
      accepted += counts.accepted;
      rejected += counts.rejected;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    records_sent: sent,
    accepted,
    rejected,
    requests,
    backoffs_429_503: client.backoffs - backoffsBefore,
    seconds: round(seconds, 3),
    records_per_s: Math.round(accepted / seconds),
  };
}

/** The bulk answer's accepted/rejected counts; a body without them counts as all accepted. */
function acceptedCounts(data: unknown, sent: number): { accepted: number; rejected: number } {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : Array.isArray(v) ? v.length : undefined);
  const rejected = num(d.rejected) ?? num(d.errors) ?? 0;
  const accepted = num(d.accepted) ?? num(d.ingested) ?? sent - rejected;
  return { accepted, rejected };
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
