import { OnApplicationShutdown } from '@nestjs/common';
import { Client, errors } from '@elastic/elasticsearch';
import { InvalidQueryError } from '../query/invalid-query-error';
import { indexBody } from './elasticsearch-schema';

export interface ElasticsearchLogIndexOptions {
  url: string;
  /** The index holding every tenant's records (tenant is a mandatory filter of every request). */
  index?: string;
  shards?: number;
  replicas?: number;
  /** How an append waits for visibility: `wait_for` (the next periodic refresh) or `true` (refresh now). */
  refresh?: 'wait_for' | true;
  requestTimeoutMs?: number;
}

/**
 * The connection to Elasticsearch for the log stores, and the one index they use: created
 * on first use from an index template with explicit mappings (elasticsearch-schema.ts).
 */
export class ElasticsearchLogIndex implements OnApplicationShutdown {
  readonly client: Client;
  readonly index: string;
  readonly refresh: 'wait_for' | true;
  private ready: Promise<void> | null = null;

  constructor(private readonly options: ElasticsearchLogIndexOptions) {
    this.client = new Client({ node: options.url, requestTimeout: options.requestTimeoutMs ?? 60_000, maxRetries: 3 });
    this.index = options.index ?? 'lognest-logs';
    this.refresh = options.refresh ?? 'wait_for';
  }

  /** Creates the index template and the index when missing; once per process. */
  ensureIndex(): Promise<void> {
    this.ready ??= this.create().catch((err) => {
      this.ready = null;
      throw err;
    });
    return this.ready;
  }

  private async create(): Promise<void> {
    const body = indexBody({ shards: this.options.shards ?? 1, replicas: this.options.replicas ?? 0 });
    await this.client.indices.putIndexTemplate({
      name: `${this.index}-template`,
      index_patterns: [this.index],
      priority: 500,
      template: body as never,
    });
    if (await this.client.indices.exists({ index: this.index })) {
      // An index made by an older version lacks the fields added since (pattern_id): mappings
      // only grow, and putting the same definition of an existing field again is accepted.
      await this.client.indices.putMapping({ index: this.index, properties: body.mappings.properties as never });
      return;
    }
    try {
      await this.client.indices.create({ index: this.index });
    } catch (err) {
      if (!(err instanceof errors.ResponseError && err.body?.error?.type === 'resource_already_exists_exception')) throw err;
    }
  }

  /** Runs a read; a query Elasticsearch refuses (bad regex, too complex) is an InvalidQueryError. */
  async run<T>(request: () => Promise<T>): Promise<T> {
    await this.ensureIndex();
    try {
      return await request();
    } catch (err) {
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

  /** Deletes the index and its template (tests). */
  async drop(): Promise<void> {
    await this.client.indices.delete({ index: this.index, ignore_unavailable: true });
    await this.client.indices.deleteIndexTemplate({ name: `${this.index}-template` }).catch(() => undefined);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}
