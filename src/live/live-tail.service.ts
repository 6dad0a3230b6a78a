import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { Principal } from '../auth/auth-types';
import { AppConfig } from '../config/app-config';
import { LogReadStore } from '../logs/log-read-store';
import { badParameter } from '../platform/http/bad-request';
import { buildScope } from '../search/scope-builder';
import { parseTimeExpression } from '../search/time-expression';
import { liveEntryOf } from './live-entry';
import { compileLiveFilter } from './live-filter';
import { LiveSubscriber } from './live-subscriber';
import { LiveTailer } from './live-tailer';
import { SseSink } from './sse-sink';

/** Records a `since` backfill sends at most: the newest of the period, oldest first. */
export const BACKFILL_LIMIT = 1_000;
const KEEP_ALIVE_MS = 15_000;

/**
 * The live tail over Server-Sent Events. With `since`, the subscriber is registered (holding
 * what arrives) before the backfill search runs, and what it held is sent after the backfill
 * minus the ids the backfill sent: a commit that lands during the search is then neither
 * missed nor sent twice.
 */
@Injectable()
export class LiveTailService {
  constructor(
    private readonly tailer: LiveTailer,
    private readonly logs: LogReadStore,
    private readonly config: AppConfig,
  ) {}

  /** Validates first (a 400 before any byte of the stream), then streams until the client leaves. */
  async open(who: Principal, query: Record<string, unknown>, res: Response): Promise<void> {
    const filter = compileLiveFilter(who.tenantId, query);
    const since = this.since(query.since);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    const sink = new SseSink(res);
    const subscriber = new LiveSubscriber(who.tenantId, who.userId ?? who.username, sink, this.config.liveMaxRate);
    subscriber.setFilter(filter);
    if (since !== undefined) subscriber.hold();
    this.tailer.add(subscriber);
    const keepAlive = setInterval(() => sink.keepAlive(), KEEP_ALIVE_MS);
    res.on('close', () => {
      clearInterval(keepAlive);
      this.tailer.remove(subscriber);
    });
    res.write(': live\n\n');
    if (since === undefined) return;
    try {
      const scope = buildScope(who.tenantId, { ...filter.request, from: since, to: undefined });
      const { records } = await this.logs.search(scope, { offset: 0, limit: BACKFILL_LIMIT, sort: 'desc' });
      records.reverse();
      sink.send(records.map(liveEntryOf));
      subscriber.release(new Set(records.map((r) => r.id)));
    } catch {
      res.end();
    }
  }

  private since(raw: unknown): number | undefined {
    if (raw === undefined || raw === '') return undefined;
    const value = typeof raw === 'string' ? parseTimeExpression(raw, Date.now(), 'from') : null;
    if (value === null) throw badParameter('since', `"${String(raw)}" is not a time (ISO 8601, epoch, or now-5m)`);
    return value;
  }
}
