import { ElasticsearchLogIndex } from './elasticsearch-client';

/** Documents per `_bulk` request. */
export const BULK_DOCS = 2_000;
/** Bytes of source per `_bulk` request, whichever comes first. */
const BULK_BYTES = 4 * 1024 * 1024;
/** `_bulk` requests in flight at once: enough to keep the node's write threads busy. */
export const BULK_IN_FLIGHT = 4;

export interface WrittenDoc {
  _index: string;
  _id: string;
}

type BulkItem = { _index?: string; _id?: string | null; status?: number; error?: unknown };

/**
 * Sends documents with `_bulk`, several requests in flight, ids made by Elasticsearch (no
 * version lookup per document). A request is not retried by the client: a retry after a
 * timeout could write its documents twice. Knows what it wrote, so a failed call can be
 * undone; resolves when every request was acknowledged (durable: translog fsync per request).
 */
export class ElasticsearchBulkWriter {
  readonly written: WrittenDoc[] = [];
  readonly indices = new Set<string>();
  private operations: object[] = [];
  private count = 0;
  private bytes = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: Error | null = null;

  constructor(private readonly es: ElasticsearchLogIndex) {}

  /** Queues a document; waits while the window of requests in flight is full. */
  async add(index: string, doc: object, bytes: number): Promise<void> {
    this.throwIfFailed();
    this.operations.push({ create: { _index: index } }, doc);
    this.indices.add(index);
    this.count++;
    this.bytes += bytes;
    if (this.count >= BULK_DOCS || this.bytes >= BULK_BYTES) await this.send();
  }

  /** Sends what is queued and waits for every request. */
  async finish(): Promise<void> {
    if (this.count > 0) this.start();
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
    this.throwIfFailed();
    if (this.es.refreshOnWrite && this.indices.size > 0) await this.es.client.indices.refresh({ index: [...this.indices].join(',') });
  }

  /** Waits for the requests in flight, whatever they answer (before an undo). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  private async send(): Promise<void> {
    this.start();
    while (this.inFlight.size >= BULK_IN_FLIGHT) await Promise.race(this.inFlight);
    this.throwIfFailed();
  }

  private start(): void {
    const operations = this.operations;
    this.operations = [];
    this.count = 0;
    this.bytes = 0;
    const request: Promise<void> = this.es.client
      .bulk({ operations }, { maxRetries: 0 })
      .then((result) => {
        let firstError: unknown = null;
        for (const item of result.items) {
          const op = (item.create ?? item.index) as BulkItem | undefined;
          if (op?.error) firstError ??= op.error;
          else if (op?._index && op._id) this.written.push({ _index: op._index, _id: op._id });
        }
        if (firstError) throw new Error(`Elasticsearch refused a record: ${JSON.stringify(firstError)}`);
      })
      .catch((err: Error) => {
        this.failure ??= err;
      })
      .finally(() => this.inFlight.delete(request));
    this.inFlight.add(request);
  }
}
