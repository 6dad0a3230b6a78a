import { MemoryQueryCache } from '../platform/cache/memory-query-cache';
import { TenantCache } from '../platform/cache/tenant-cache';
import { EventBus } from '../platform/events/event-bus';
import { newId } from '../platform/ids';
import { CachedLogReadStore, SETTLED_AFTER_MS } from './cached-log-read-store';
import { LogRecord } from './log-record';
import { LogScope } from './log-scope';
import { MemoryLogStore } from './memory/memory-log-store';

const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);
const HOUR = 3_600_000;
const A = 'tenant-a';

function record(timestamp: number): LogRecord {
  return {
    id: newId(NOW), timestamp, ingestedAt: NOW, tenantId: A, level: 'INFO', message: 'm', service: null, server: null,
    environment: null, logType: null, correlationId: null, traceId: null, spanId: null, userId: null, clientIp: null,
    method: null, endpoint: null, statusCode: null, responseTimeMs: null, userAgent: null, sqlQuery: null,
    queryDurationMs: null, tags: [], fileId: null, patternId: null, fields: {},
  };
}

/** The cached store over a real in-memory store; `ingest` adds records and announces them as LogWriter does. */
function setup() {
  const memory = new MemoryLogStore();
  const events = new EventBus();
  const store = new CachedLogReadStore(memory.read, new TenantCache(new MemoryQueryCache()), 300, events, () => NOW);
  const loads = jest.spyOn(memory.read, 'count');
  const ingest = (tenantId: string, timestamps: number[], known = true) => {
    memory.add(tenantId, timestamps.map(record));
    events.publish({ type: 'logs.ingested', tenantId, count: timestamps.length, ...(known ? { oldestTimestamp: Math.min(...timestamps) } : {}) });
  };
  const deleted = (tenantId: string) => events.publish({ type: 'logs.deleted', tenantId, count: 1 });
  return { store, loads, ingest, deleted };
}

const match = { kind: 'match_all' } as const;
const yesterday: LogScope = { tenantId: A, query: match, from: NOW - 30 * HOUR, to: NOW - 20 * HOUR };
const lastHour: LogScope = { tenantId: A, query: match, from: NOW - HOUR, to: NOW };
const open: LogScope = { tenantId: A, query: match, from: NOW - 30 * HOUR };

describe('CachedLogReadStore', () => {
  it('keeps the answer about a settled range while records newer than the settled window arrive', async () => {
    const { store, loads, ingest } = setup();
    ingest(A, [NOW - 25 * HOUR]);
    expect(await store.count(yesterday)).toBe(1);
    ingest(A, [NOW - 60_000, NOW - 1000]);
    expect(await store.count(yesterday)).toBe(1);
    expect(loads).toHaveBeenCalledTimes(1);
  });

  it('drops answers about open and recent ranges on every ingest', async () => {
    const { store, ingest } = setup();
    expect(await store.count(open)).toBe(0);
    expect(await store.count(lastHour)).toBe(0);
    ingest(A, [NOW - 1000]);
    expect(await store.count(open)).toBe(1);
    expect(await store.count(lastHour)).toBe(1);
  });

  it('drops answers about settled ranges when a record older than the settled window arrives', async () => {
    const { store, ingest } = setup();
    expect(await store.count(yesterday)).toBe(0);
    ingest(A, [NOW - 60_000, NOW - 22 * HOUR]);
    expect(await store.count(yesterday)).toBe(1);
    // Just inside the settled window is enough to invalidate, even outside the range.
    ingest(A, [NOW - SETTLED_AFTER_MS]);
    expect(await store.count(yesterday)).toBe(1);
  });

  it('treats an ingest of unknown age, and any delete, as touching every range', async () => {
    const { store, loads, ingest, deleted } = setup();
    await store.count(yesterday);
    ingest(A, [NOW - 21 * HOUR], false);
    expect(await store.count(yesterday)).toBe(1);
    deleted(A);
    await store.count(yesterday);
    expect(loads).toHaveBeenCalledTimes(3);
  });

  it("keeps one tenant's answers when another tenant ingests old records", async () => {
    const { store, loads, ingest } = setup();
    await store.count(yesterday);
    await store.count(open);
    ingest('tenant-b', [NOW - 25 * HOUR]);
    await store.count(yesterday);
    await store.count(open);
    expect(loads).toHaveBeenCalledTimes(2);
  });
});
