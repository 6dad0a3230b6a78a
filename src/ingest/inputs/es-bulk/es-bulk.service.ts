import { Injectable } from '@nestjs/common';
import { WriterSaturatedError } from '../../pipeline/log-writer';
import { IngestResult } from '../../ingest.service';
import { InputStats } from '../input-stats';
import { InputWriter } from '../input-writer';
import { BulkItem, EsItemError, parseBulk, withMeta } from './es-bulk-request';

export interface EsItemResult {
  _index: string;
  _id: string | null;
  status: number;
  result?: 'created';
  _version?: number;
  _shards?: { total: number; successful: number; failed: number };
  _seq_no?: number;
  _primary_term?: number;
  error?: { type: string; reason: string };
}

export interface EsBulkResponse {
  took: number;
  errors: boolean;
  items: Record<string, EsItemResult>[];
}

const SATURATED: EsItemError = { status: 429, type: 'es_rejected_execution_exception', reason: 'the log writer is saturated; retry later' };

/**
 * Defaults a document takes from its index when it names none itself: a data stream
 * `logs-<dataset>-<namespace>` gives service and environment, any other index the service.
 */
export function defaultsOfIndex(index: string): { service: string; environment?: string } {
  const stream = /^logs-(.+)-([^-]+)$/.exec(index);
  return stream ? { service: stream[1], environment: stream[2] } : { service: index };
}

/** The Elasticsearch bulk and document APIs over Lognest's ingest. */
@Injectable()
export class EsBulkService {
  constructor(
    private readonly writer: InputWriter,
    private readonly stats: InputStats,
  ) {
    stats.of('es-bulk').enable('/es');
  }

  private get counters() {
    return this.stats.of('es-bulk');
  }

  async bulk(tenantId: string, body: string, pathIndex: string | null): Promise<EsBulkResponse> {
    const started = Date.now();
    const { items, groups } = parseBulk(body, pathIndex);
    this.counters.received += items.length;
    const outcomes = new Map<string, (EsItemError | string)[]>();
    for (const [index, lines] of groups) outcomes.set(index, await this.writeGroup(tenantId, index, lines));
    const results = items.map((item) => {
      const outcome = item.error ?? outcomes.get(item.index)![item.slot!];
      return { [item.action]: itemResult(item, outcome) };
    });
    for (const item of items) if (item.error) this.counters.reject(item.error.type, 1, item.error.reason);
    return { took: Date.now() - started, errors: results.some((r) => Object.values(r)[0].status >= 300), items: results };
  }

  /** One document (`_doc`, `_create`): the same path as a bulk of one. */
  async document(tenantId: string, index: string, id: string | null, body: string): Promise<EsItemResult> {
    this.counters.received++;
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch (err) {
      this.counters.reject('document_parsing_exception', 1, (err as Error).message);
      return itemResult({ index, id }, { status: 400, type: 'document_parsing_exception', reason: `failed to parse: ${(err as Error).message}` });
    }
    const outcome = (await this.writeGroup(tenantId, index, [withMeta(JSON.stringify(doc), index, id)]))[0];
    return itemResult({ index, id }, outcome);
  }

  /** Each document's outcome: its stored id, or why it was refused. */
  private async writeGroup(tenantId: string, index: string, lines: string[]): Promise<(EsItemError | string)[]> {
    let result: IngestResult;
    try {
      result = await this.writer.write(this.counters, tenantId, lines, { keepIds: true, job: { defaults: defaultsOfIndex(index) } });
    } catch (err) {
      if (!(err instanceof WriterSaturatedError)) throw err;
      this.counters.reject('saturated', lines.length);
      return lines.map(() => SATURATED);
    }
    const errorAt = new Map(result.errors.map((e) => [e.line, e.reason]));
    let nextId = 0;
    return lines.map((_, slot) => {
      const reason = errorAt.get(slot + 1);
      if (reason !== undefined) return { status: 400, type: 'document_parsing_exception', reason };
      if (nextId < result.ids.length) return result.ids[nextId++];
      return { status: 400, type: 'document_parsing_exception', reason: 'rejected (more rejected documents than reasons reported)' };
    });
  }
}

function itemResult(item: Pick<BulkItem, 'index' | 'id'>, outcome: EsItemError | string): EsItemResult {
  if (typeof outcome !== 'string') {
    return { _index: item.index, _id: item.id, status: outcome.status, error: { type: outcome.type, reason: outcome.reason } };
  }
  return {
    _index: item.index,
    // A client that named the id expects it back; it is kept in the record's fields as `_id`.
    _id: item.id ?? outcome,
    _version: 1,
    result: 'created',
    _shards: { total: 1, successful: 1, failed: 0 },
    _seq_no: 0,
    _primary_term: 1,
    status: 201,
  };
}
