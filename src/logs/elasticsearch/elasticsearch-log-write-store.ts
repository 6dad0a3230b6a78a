import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { LogRecord } from '../log-record';
import { LogWriteStore, SpooledBatch, TenantUsage } from '../log-write-store';
import { StoredRecord, toStoredJson } from '../stored-record';
import { BULK_DOCS, ElasticsearchBulkWriter, WrittenDoc } from './elasticsearch-bulk-writer';
import { ElasticsearchLogIndex } from './elasticsearch-client';
import { EsQuery, tenantQuery } from './elasticsearch-query-compiler';
import { documentOf, TIMESTAMP_FIELD } from './elasticsearch-schema';

const DAY_MS = 86_400_000;

type Source = AsyncIterable<{ tenantId: string; stored: StoredRecord; bytes: number }> | Iterable<{ tenantId: string; stored: StoredRecord; bytes: number }>;

/**
 * Writes with `_bulk` into daily indices (elasticsearch-bulk-writer.ts). Elasticsearch
 * acknowledges a write after its translog fsync (`index.translog.durability: request`), so a
 * resolved call is durable; its records are searchable within the refresh interval (1 s), or
 * at once with `refreshOnWrite`. Elasticsearch has no transactions: when any record of a call
 * fails, the records that call already wrote are deleted again before the error is thrown,
 * so a call is all or nothing as far as the store can make it.
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
    await this.es.ensureIndex();
    return this.deleteMatching(this.es.index, tenantId, { term: { file_id: fileId } });
  }

  /**
   * A daily index whose whole day is older than `before` and that holds no other tenant's
   * records is deleted as a whole (its space back at once); the partial day and shared days
   * lose the tenant's documents one by one.
   */
  async deleteOlderThan(tenantId: string, before: number): Promise<number> {
    let deleted = 0;
    for (const { name, day } of await this.es.dailyIndices()) {
      if (day >= before) continue;
      if (day + DAY_MS <= before) {
        const whole = await this.dropIfOnly(name, tenantId);
        if (whole !== null) {
          deleted += whole;
          continue;
        }
      }
      deleted += await this.deleteMatching(name, tenantId, { range: { [TIMESTAMP_FIELD]: { lt: before } } });
    }
    return deleted;
  }

  async deleteTenant(tenantId: string): Promise<number> {
    let deleted = 0;
    for (const { name } of await this.es.dailyIndices()) {
      const whole = await this.dropIfOnly(name, tenantId);
      deleted += whole ?? (await this.deleteMatching(name, tenantId, { match_all: {} }));
    }
    return deleted;
  }

  async usage(tenantId: string): Promise<TenantUsage> {
    await this.es.ensureIndex();
    const index = this.es.index;
    const [found, all, stats] = await Promise.all([
      this.es.client.search({ index, query: tenantQuery(tenantId), size: 0, track_total_hits: true, aggs: { oldest: { min: { field: TIMESTAMP_FIELD } } } }),
      this.es.client.count({ index }),
      this.es.client.indices.stats({ index, metric: 'store' }),
    ]);
    const total = found.hits.total;
    const records = typeof total === 'number' ? total : (total?.value ?? 0);
    const oldest = (found.aggregations?.oldest as { value: number | null } | undefined)?.value ?? null;
    const size = stats._all.primaries?.store?.size_in_bytes ?? 0;
    return { records, oldest, bytes: all.count === 0 ? 0 : Math.round((size * records) / all.count) };
  }

  /**
   * Deletes a daily index when it holds only this tenant's records, and returns how many it
   * held; null when other tenants' records are in it. The index is write-blocked before the
   * second count, so a record written meanwhile fails its call (and is retried by the sender)
   * instead of vanishing with the index.
   */
  private async dropIfOnly(index: string, tenantId: string): Promise<number | null> {
    const others = { bool: { must_not: [{ term: { tenant_id: tenantId } }] } };
    if ((await this.es.client.count({ index, query: others })).count > 0) return null;
    await this.es.client.indices.addBlock({ index, block: 'write' });
    const unblock = () => this.es.client.indices.putSettings({ index, settings: { 'index.blocks.write': false } });
    try {
      await this.es.client.indices.refresh({ index });
      if ((await this.es.client.count({ index, query: others })).count > 0) {
        await unblock();
        return null;
      }
      const mine = (await this.es.client.count({ index })).count;
      await this.es.client.indices.delete({ index });
      this.es.forget();
      return mine;
    } catch (err) {
      // A day left write-blocked would refuse every later record of that day.
      await unblock().catch(() => undefined);
      throw err;
    }
  }

  private async deleteMatching(index: string, tenantId: string, filter: EsQuery): Promise<number> {
    // Search and bulk-delete rather than _delete_by_query, which not every distribution has.
    let deleted = 0;
    for (;;) {
      const found = await this.es.client.search({
        index,
        query: tenantQuery(tenantId, filter),
        size: BULK_DOCS,
        _source: false,
        track_total_hits: false,
      });
      const hits = found.hits.hits.map((h) => ({ _index: h._index, _id: h._id as string }));
      if (hits.length === 0) break;
      deleted += await this.deleteDocs(hits);
    }
    return deleted;
  }

  /** Deletes documents and refreshes, so the next search no longer finds them. */
  private async deleteDocs(docs: WrittenDoc[]): Promise<number> {
    const result = await this.es.client.bulk({ refresh: true, operations: docs.map((d) => ({ delete: d })) });
    const failed = result.items.find((item) => item.delete?.error);
    if (failed) throw new Error(`Elasticsearch refused a delete: ${JSON.stringify(failed.delete?.error)}`);
    return result.items.filter((item) => item.delete?.result === 'deleted').length;
  }

  private async writeAll(source: () => Source): Promise<void> {
    await this.es.ensureIndex();
    const writer = new ElasticsearchBulkWriter(this.es);
    try {
      for await (const { tenantId, stored, bytes } of source()) {
        await writer.add(this.es.dailyIndex(Number(stored.ts)), documentOf(stored, tenantId), bytes);
      }
      await writer.finish();
    } catch (err) {
      await writer.settle();
      await this.undo(writer.written).catch(() => undefined);
      throw err;
    }
  }

  /** Deletes what a failed call had written. */
  private async undo(docs: WrittenDoc[]): Promise<void> {
    for (let i = 0; i < docs.length; i += BULK_DOCS) await this.deleteDocs(docs.slice(i, i + BULK_DOCS));
  }
}
