import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { LogRecord } from '../log-record';
import { LogWriteStore, SpooledBatch, TenantUsage } from '../log-write-store';
import { StoredRecord } from '../stored-record';
import { toStoredJson } from '../stored-record';
import { ElasticsearchLogIndex } from './elasticsearch-client';
import { EsQuery, tenantQuery } from './elasticsearch-query-compiler';
import { documentOf } from './elasticsearch-schema';

/** Documents per `_bulk` request. */
const BULK_DOCS = 5_000;
/** Bytes of source per `_bulk` request, whichever comes first. */
const BULK_BYTES = 8 * 1024 * 1024;

/** The `_id` of a record: tenant and id, so one tenant can never overwrite another's record. */
export function documentId(tenantId: string, id: string): string {
  return `${tenantId.length}:${tenantId}:${id}`;
}

/**
 * Writes with `_bulk`. Elasticsearch acknowledges a write after its translog fsync
 * (`index.translog.durability: request`), and a call resolves only after a refresh made its
 * records visible. Elasticsearch has no transactions: when any record of a call fails, the
 * records that call already wrote are deleted again before the error is thrown, so a call is
 * all or nothing as far as the store can make it.
 */
export class ElasticsearchLogWriteStore extends LogWriteStore {
  constructor(private readonly es: ElasticsearchLogIndex) {
    super();
  }

  async appendSpooled(batches: SpooledBatch[]): Promise<void> {
    const nonEmpty = batches.filter((b) => b.count > 0);
    if (nonEmpty.length === 0) return;
    await this.writeAll(async function* () {
      for (const batch of nonEmpty) {
        const lines = readline.createInterface({ input: fs.createReadStream(batch.path, 'utf8'), crlfDelay: Infinity });
        for await (const line of lines) {
          if (line.trim().length === 0) continue;
          yield { tenantId: batch.tenantId, stored: JSON.parse(line) as StoredRecord, bytes: line.length };
        }
      }
    });
  }

  async append(tenantId: string, records: LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.writeAll(function* () {
      for (const r of records) {
        const json = toStoredJson(r);
        yield { tenantId, stored: JSON.parse(json) as StoredRecord, bytes: json.length };
      }
    });
  }

  async deleteByFile(tenantId: string, fileId: string): Promise<number> {
    return this.deleteMatching(tenantId, { term: { file_id: fileId } });
  }

  /** Deleted documents leave the disk as Elasticsearch merges segments; no index is shared-deleted. */
  async deleteOlderThan(tenantId: string, before: number): Promise<number> {
    return this.deleteMatching(tenantId, { range: { ts: { lt: before } } });
  }

  async deleteTenant(tenantId: string): Promise<number> {
    return this.deleteMatching(tenantId, { match_all: {} });
  }

  async usage(tenantId: string): Promise<TenantUsage> {
    await this.es.ensureIndex();
    const [found, all, stats] = await Promise.all([
      this.es.client.search({ index: this.es.index, query: tenantQuery(tenantId), size: 0, track_total_hits: true, aggs: { oldest: { min: { field: 'ts' } } } }),
      this.es.client.count({ index: this.es.index }),
      this.es.client.indices.stats({ index: this.es.index, metric: 'store' }),
    ]);
    const total = found.hits.total;
    const records = typeof total === 'number' ? total : (total?.value ?? 0);
    const oldest = (found.aggregations?.oldest as { value: number | null } | undefined)?.value ?? null;
    const size = stats._all.primaries?.store?.size_in_bytes ?? 0;
    return { records, oldest, bytes: all.count === 0 ? 0 : Math.round((size * records) / all.count) };
  }

  private async deleteMatching(tenantId: string, filter: EsQuery): Promise<number> {
    await this.es.ensureIndex();
    // Search and bulk-delete rather than _delete_by_query, which not every distribution has.
    let deleted = 0;
    for (;;) {
      const found = await this.es.client.search({
        index: this.es.index,
        query: tenantQuery(tenantId, filter),
        size: BULK_DOCS,
        _source: false,
        sort: [{ id: 'asc' }],
        track_total_hits: false,
      });
      const ids = found.hits.hits.map((h) => h._id as string);
      if (ids.length === 0) break;
      const result = await this.es.client.bulk({
        refresh: this.es.refresh,
        operations: ids.map((id) => ({ delete: { _index: this.es.index, _id: id } })),
      });
      const failed = result.items.find((item) => item.delete?.error);
      if (failed) throw new Error(`Elasticsearch refused a delete: ${JSON.stringify(failed.delete?.error)}`);
      deleted += result.items.filter((item) => item.delete?.result === 'deleted').length;
    }
    return deleted;
  }

  private async writeAll(
    source: () => AsyncIterable<{ tenantId: string; stored: StoredRecord; bytes: number }> | Iterable<{ tenantId: string; stored: StoredRecord; bytes: number }>,
  ): Promise<void> {
    await this.es.ensureIndex();
    const written: string[] = [];
    let operations: object[] = [];
    let ids: string[] = [];
    let bytes = 0;
    const flush = async (last: boolean) => {
      if (ids.length === 0) {
        if (last && written.length > 0) await this.es.client.indices.refresh({ index: this.es.index });
        return;
      }
      const result = await this.es.client.bulk({ refresh: last ? this.es.refresh : false, operations });
      const done = ids.filter((_, i) => !result.items[i]?.index?.error);
      written.push(...done);
      if (result.errors) {
        const first = result.items.find((item) => item.index?.error)?.index?.error;
        throw new Error(`Elasticsearch refused a record: ${JSON.stringify(first)}`);
      }
      operations = [];
      ids = [];
      bytes = 0;
    };
    try {
      for await (const { tenantId, stored, bytes: size } of source()) {
        const _id = documentId(tenantId, String(stored.id));
        operations.push({ index: { _index: this.es.index, _id } }, documentOf(stored, tenantId));
        ids.push(_id);
        bytes += size;
        if (ids.length >= BULK_DOCS || bytes >= BULK_BYTES) await flush(false);
      }
      await flush(true);
    } catch (err) {
      await this.undo(written).catch(() => undefined);
      throw err;
    }
  }

  /** Deletes what a failed call had written. */
  private async undo(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += BULK_DOCS) {
      await this.es.client.bulk({
        refresh: i + BULK_DOCS >= ids.length ? this.es.refresh : false,
        operations: ids.slice(i, i + BULK_DOCS).map((_id) => ({ delete: { _index: this.es.index, _id } })),
      });
    }
  }
}
