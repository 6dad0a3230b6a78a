// The traffic model of the sample SaaS, as a lazy stream of log records sorted by time.
// Time is cut into one-minute buckets; each bucket gets its share of `count` by a weight
// (business hours 09:00-17:00 UTC carry 75% of a day's traffic, weekends are quieter), so
// records come out in order without holding more than a minute of them in memory. Same
// seed and same end time give the same records, however many workers generate them.

import { Prng } from './prng';
import { SERVICES, USER_AGENTS } from './sample-log-catalog';
import { SampleLogRecord } from './sample-log-record';
import { BurstKind } from './sample-messages';
import { Burst, SampleRequestBuilder, Session, TimedRecord } from './sample-request-builder';

export interface GenerateOptions {
  count: number;
  days: number;
  seed: number;
  /** End of the time window, epoch ms; defaults to the current minute. */
  endMs?: number;
  /**
   * Quiet baseline traffic for measuring anomaly detection: no failure bursts (unlabelled,
   * they would count as false alarms) and Poisson-like noise on every minute's volume.
   */
  calm?: boolean;
}

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

const MINUTE = 60_000;
const CHUNK_MINUTES = 10;
/** The longest a request lasts (timeouts at 5000 ms), so it stays inside its chunk. */
const MAX_REQUEST_MS = 5_001;
const HOUR = 3_600_000;
/** Peak minutes weigh 6x: 8 peak hours x 6 = 48 = 3 x (16 off-peak hours x 1), i.e. 75%. */
const PEAK_WEIGHT = 6;
const WEEKEND_FACTOR = 0.6;
const SESSION_REUSE = 0.6;
const RECENT_SESSIONS = 512;
const BACKGROUND_JOB_SHARE = 0.06;
const MEAN_BURST_GAP_MS = 3 * HOUR;
const BURST_KINDS: readonly BurstKind[] = ['db-timeout', 'pool-exhausted', 'payment-gateway', 'deadlock'];

export function sampleTimeWindow(opts: Pick<GenerateOptions, 'days' | 'endMs'>): TimeWindow {
  const endMs = opts.endMs ?? Math.floor(Date.now() / MINUTE) * MINUTE;
  return { startMs: endMs - Math.round(opts.days * 24 * HOUR), endMs };
}

/**
 * What the whole run is made of, cheap to compute: every worker derives the same plan from
 * the options. Chunks of CHUNK_MINUTES are generated independently (own PRNG stream, own
 * sessions) so they can be generated in parallel and still give the same file.
 */
export interface GenerationPlan {
  seed: number;
  window: TimeWindow;
  counts: Uint32Array;
  bursts: Burst[];
  chunks: number;
}

export function planGeneration(opts: GenerateOptions): GenerationPlan {
  const window = sampleTimeWindow(opts);
  const counts = bucketCounts(opts.count, window.startMs, window.endMs);
  if (opts.calm) addNoise(counts, new Prng(mix32(opts.seed, 0x7ffffffe)));
  const bursts = opts.calm ? [] : planBursts(new Prng(mix32(opts.seed, 0x7fffffff)), window.startMs, window.endMs);
  return { seed: opts.seed, window, counts, bursts, chunks: Math.ceil(counts.length / CHUNK_MINUTES) };
}

/** Records in time order, one bucket (about a minute of traffic) per array. */
export function* generateLogBatches(opts: GenerateOptions): Generator<SampleLogRecord[]> {
  const plan = planGeneration(opts);
  for (let c = 0; c < plan.chunks; c++) yield* generateChunk(plan, c);
}

export function* generateLogs(opts: GenerateOptions): Generator<SampleLogRecord> {
  for (const batch of generateLogBatches(opts)) yield* batch;
}

/** The records of one chunk, in time order, one minute per array. */
export function* generateChunk(plan: GenerationPlan, chunk: number): Generator<SampleLogRecord[]> {
  const { startMs, endMs } = plan.window;
  const rng = new Prng(mix32(plan.seed, chunk));
  const builder = new SampleRequestBuilder(rng);
  const sessions = new RecentSessions(rng);
  const isoTime = new IsoTimeFormatter();
  const firstBucket = chunk * CHUNK_MINUTES;
  const endBucket = Math.min(firstBucket + CHUNK_MINUTES, plan.counts.length);
  let burstIdx = 0;
  let pending: TimedRecord[] = [];
  for (let b = firstBucket; b < endBucket; b++) {
    const bucketStart = startMs + b * MINUTE;
    const bucketEnd = Math.min(bucketStart + MINUTE, endMs);
    // The last minute of a chunk starts no request that could end in the next chunk.
    const span = b === endBucket - 1 ? Math.max(1, bucketEnd - bucketStart - MAX_REQUEST_MS) : bucketEnd - bucketStart;
    while (burstIdx < plan.bursts.length && plan.bursts[burstIdx].end <= bucketStart) burstIdx++;
    let made = 0;
    while (made < plan.counts[b]) {
      const t0 = bucketStart + Math.floor(rng.next() * span);
      const burst = activeBurst(plan.bursts, burstIdx, t0);
      const before = pending.length;
      const budget = Math.min(4, plan.counts[b] - made);
      if (rng.chance(BACKGROUND_JOB_SHARE)) builder.backgroundJob(pending, t0, burst, budget);
      else builder.httpRequest(pending, t0, sessions.next(), burst, budget);
      made += pending.length - before;
    }
    if (pending.length === 0) continue;
    pending.sort((x, y) => x.ts - y.ts);
    let split = pending.length;
    if (b < endBucket - 1) while (split > 0 && pending[split - 1].ts >= bucketEnd) split--;
    const batch = new Array<SampleLogRecord>(split);
    for (let i = 0; i < split; i++) {
      const r = pending[i].record;
      r.timestamp = isoTime.format(Math.min(pending[i].ts, endMs - 1));
      batch[i] = r;
    }
    pending = split === pending.length ? [] : pending.slice(split);
    if (split > 0) yield batch;
  }
}

/** A 32-bit hash of (seed, n): independent PRNG streams per chunk. */
function mix32(seed: number, n: number): number {
  let h = (seed ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** How many records each minute gets: proportional to its weight, summing exactly to count. */
function bucketCounts(count: number, startMs: number, endMs: number): Uint32Array {
  const n = Math.max(1, Math.ceil((endMs - startMs) / MINUTE));
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let b = 0; b < n; b++) {
    const t = startMs + b * MINUTE;
    const d = new Date(t);
    const hour = d.getUTCHours();
    const day = d.getUTCDay();
    const len = Math.min(MINUTE, endMs - t) / MINUTE;
    const w = (hour >= 9 && hour < 17 ? PEAK_WEIGHT : 1) * (day === 0 || day === 6 ? WEEKEND_FACTOR : 1) * len;
    total += w;
    cumulative[b] = total;
  }
  const counts = new Uint32Array(n);
  let previous = 0;
  for (let b = 0; b < n; b++) {
    const upTo = Math.round((count * cumulative[b]) / total);
    counts[b] = upTo - previous;
    previous = upTo;
  }
  return counts;
}

/** Each minute's count drawn around its share, as arrivals vary (normal approximation of Poisson). */
function addNoise(counts: Uint32Array, rng: Prng): void {
  for (let b = 0; b < counts.length; b++) {
    const gauss = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    counts[b] = Math.max(0, Math.round(counts[b] + Math.sqrt(counts[b]) * gauss));
  }
}

/** Short windows (1-8 min, every ~3 h) where one service, or all of them, fail a lot. */
function planBursts(rng: Prng, startMs: number, endMs: number): Burst[] {
  const bursts: Burst[] = [];
  let t = startMs;
  for (;;) {
    t += Math.round(-Math.log(1 - rng.next()) * MEAN_BURST_GAP_MS);
    if (t >= endMs) return bursts;
    const kind = rng.pick(BURST_KINDS);
    const service = kind === 'payment-gateway' ? 'payments' : kind === 'deadlock' ? 'orders' : rng.chance(0.5) ? null : rng.pick(SERVICES);
    const end = t + rng.int(1, 8) * MINUTE;
    bursts.push({ start: t, end, kind, service });
    t = end;
  }
}

function activeBurst(bursts: Burst[], from: number, t: number): Burst | null {
  for (let i = from; i < bursts.length && bursts[i].start <= t; i++) {
    if (t < bursts[i].end) return bursts[i];
  }
  return null;
}

/** Users come back: 60% of requests continue one of the recent sessions. */
class RecentSessions {
  private readonly ring: Session[] = [];
  private nextSlot = 0;

  constructor(private readonly rng: Prng) {}

  next(): Session {
    const rng = this.rng;
    if (this.ring.length > 0 && rng.chance(SESSION_REUSE)) return rng.pick(this.ring);
    const u = rng.next();
    const userNum = 1 + Math.floor(20_000 * u * u);
    const accountNum = (userNum % 800) + 1;
    let first = rng.int(1, 223);
    if (first === 10 || first === 127) first++;
    const session: Session = {
      userNum,
      userId: `user-${userNum}`,
      accountNum,
      accountId: `acct-${accountNum}`,
      clientIp: `${first}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
      userAgent: rng.pick(USER_AGENTS),
    };
    if (this.ring.length < RECENT_SESSIONS) this.ring.push(session);
    else this.ring[this.nextSlot] = session;
    this.nextSlot = (this.nextSlot + 1) % RECENT_SESSIONS;
    return session;
  }
}

const MILLIS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0') + 'Z');

/** toISOString, with the part up to the second reused: records come in time order. */
class IsoTimeFormatter {
  private second = -1;
  private prefix = '';

  format(ms: number): string {
    const second = Math.floor(ms / 1000);
    if (second !== this.second) {
      this.second = second;
      this.prefix = new Date(second * 1000).toISOString().slice(0, 20);
    }
    return this.prefix + MILLIS[ms - second * 1000];
  }
}
