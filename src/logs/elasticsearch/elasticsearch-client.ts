import { OnApplicationShutdown } from '@nestjs/common';
import { Client, errors } from '@elastic/elasticsearch';
import { InvalidQueryError } from '../query/invalid-query-error';
import { dailyIndexName, dayOfIndex, indexMappings, indexSettings } from './elasticsearch-schema';

export interface ElasticsearchLogIndexOptions {
  url: string;
  /** The prefix of the daily indices and the alias over them (LOGNEST_ELASTICSEARCH_INDEX). */
  index?: string;
  shards?: number;
  replicas?: number;
  /**
   * Refresh the written indices before an append returns, so a search right after sees the
   * records (tests, LOGNEST_ELASTICSEARCH_WAIT_FOR_REFRESH); otherwise they are visible
   * within the refresh interval (1 s).
   */
  refreshOnWrite?: boolean;
  requestTimeoutMs?: number;
}

const isResponse = (err: unknown, type: string) => err instanceof errors.ResponseError && err.body?.error?.type === type;

/**
 * The connection to Elasticsearch for the log stores and their indices: one index per UTC
 * day (`<prefix>-YYYY.MM.DD`, made by `_bulk` on first write from an index template), and
 * the alias `<prefix>` over all of them that every read goes through (docs/decisions/0105).
 */
export class ElasticsearchLogIndex implements OnApplicationShutdown {
  readonly client: Client;
  /** The alias over every daily index: what reads name. */
  readonly index: string;
  readonly refreshOnWrite: boolean;
  /** Whether the template asked for the `logsdb` index mode (false where the server lacks it). */
  logsdb = false;
  private ready: Promise<void> | null = null;

  constructor(private readonly options: ElasticsearchLogIndexOptions) {
    this.client = new Client({ node: options.url, requestTimeout: options.requestTimeoutMs ?? 60_000, maxRetries: 3 });
    this.index = options.index ?? 'lognest-logs';
    this.refreshOnWrite = options.refreshOnWrite ?? false;
  }

  get templateName(): string {
    return `${this.index}-template`;
  }

  /** The daily indices of this prefix (the template's pattern also matches longer prefixes' names). */
  get pattern(): string {
    return `${this.index}-*`;
  }

  dailyIndex(ts: number): string {
    return dailyIndexName(this.index, ts);
  }

  /** Creates the template and today's index (so the alias exists) when missing; once per process. */
  ensureIndex(): Promise<void> {
    this.ready ??= this.create().catch((err) => {
      this.ready = null;
      throw err;
    });
    return this.ready;
  }

  /** Checks again on next use (after indices were deleted, here or by another process). */
  forget(): void {
    this.ready = null;
  }

  private async create(): Promise<void> {
    const legacy = await this.client.indices.get({ index: this.index, ignore_unavailable: true, allow_no_indices: true }).catch(() => ({}));
    if (Object.keys(legacy).some((name) => name === this.index)) {
      throw new Error(
        `Elasticsearch index "${this.index}" is a single index of an older Lognest; the daily indices need that name for their alias. ` +
          'Set LOGNEST_ELASTICSEARCH_INDEX to a new prefix (or delete the old index).',
      );
    }
    await this.putTemplate();
    const existing = await this.client.indices.get({ index: this.pattern, allow_no_indices: true, expand_wildcards: 'open' });
    const mine = Object.keys(existing).filter((name) => dayOfIndex(this.index, name) !== null);
    if (mine.length > 0) {
      // Indices made by an older version lack the fields added since (pattern_id): mappings
      // only grow, and putting the same definition of an existing field again is accepted.
      // `@timestamp` is left out: logsdb refuses its definition again (it adds ignore_malformed).
      const { '@timestamp': _timestamp, ...grown } = indexMappings().properties;
      await this.client.indices.putMapping({ index: mine.join(','), properties: grown as never });
      await this.client.indices.updateAliases({ actions: [{ add: { indices: mine, alias: this.index } }] });
    }
    await this.createDaily(this.dailyIndex(Date.now()));
  }

  private async putTemplate(): Promise<void> {
    const put = (logsdb: boolean) =>
      this.client.indices.putIndexTemplate({
        name: this.templateName,
        index_patterns: [this.pattern],
        // A longer prefix is more specific (`a-b-*` inside `a-*`): its template wins.
        priority: 200 + this.index.length,
        template: {
          settings: indexSettings({ shards: this.options.shards ?? 1, replicas: this.options.replicas ?? 0, logsdb }) as never,
          mappings: indexMappings() as never,
          aliases: { [this.index]: {} },
        },
      });
    try {
      await put(true);
      this.logsdb = true;
    } catch (err) {
      // Before 8.17 (or a distribution without it), `index.mode: logsdb` is refused: plain indices.
      if (!(err instanceof errors.ResponseError && err.statusCode === 400)) throw err;
      await put(false);
      this.logsdb = false;
    }
  }

  private async createDaily(name: string): Promise<void> {
    try {
      await this.client.indices.create({ index: name });
    } catch (err) {
      if (!isResponse(err, 'resource_already_exists_exception')) throw err;
    }
  }

  /** The daily indices of this prefix with the first millisecond of their day. */
  async dailyIndices(): Promise<Array<{ name: string; day: number }>> {
    await this.ensureIndex();
    const found = await this.client.indices.get({ index: this.pattern, allow_no_indices: true, expand_wildcards: 'open' });
    return Object.keys(found)
      .map((name) => ({ name, day: dayOfIndex(this.index, name) }))
      .filter((i): i is { name: string; day: number } => i.day !== null)
      .sort((a, b) => a.day - b.day);
  }

  /** Runs a read; a query Elasticsearch refuses (bad regex, too complex) is an InvalidQueryError. */
  async run<T>(request: () => Promise<T>): Promise<T> {
    await this.ensureIndex();
    try {
      return await request();
    } catch (err) {
      if (isResponse(err, 'index_not_found_exception')) {
        // Another process deleted the last daily index: make today's again and retry once.
        this.forget();
        await this.ensureIndex();
        return request();
      }
      if (err instanceof errors.ResponseError && err.statusCode === 400) {
        const cause = err.body?.error?.root_cause?.[0]?.reason ?? err.body?.error?.reason ?? err.message;
        throw new InvalidQueryError(String(cause));
      }
      throw err;
    }
  }

  async healthy(): Promise<boolean> {
    try {
      const health = await this.client.cluster.health({ timeout: '5s' });
      return health.status !== 'red';
    } catch {
      return false;
    }
  }

  /** Deletes the daily indices and the template (tests). */
  async drop(): Promise<void> {
    const found = await this.client.indices.get({ index: this.pattern, allow_no_indices: true, expand_wildcards: 'all' }).catch(() => ({}));
    const mine = Object.keys(found).filter((name) => dayOfIndex(this.index, name) !== null);
    if (mine.length > 0) await this.client.indices.delete({ index: mine.join(','), ignore_unavailable: true });
    await this.client.indices.deleteIndexTemplate({ name: this.templateName }).catch(() => undefined);
    this.forget();
  }

  close(): Promise<void> {
    return this.client.close();
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}
