import { Injectable } from '@nestjs/common';
import { LogReadStore } from '../logs/log-read-store';
import { buildScope } from '../search/scope-builder';
import { encoderFor } from './export-encoder';
import { ExportRequest } from './export-request';

/** Records per store read: big enough to amortise a query, small enough to keep memory flat. */
const BATCH_SIZE = 2000;

export interface OpenedExport {
  contentType: string;
  extension: string;
  /** The file's text, one store batch per chunk, read only as the consumer asks for more. */
  chunks: AsyncGenerator<string>;
}

/** Exports every record of one tenant's search, streamed from the store in batches. */
@Injectable()
export class ExportService {
  constructor(private readonly logs: LogReadStore) {}

  /**
   * Builds the scope and reads the first batch before anything is sent, so a bad query or a
   * failing store still gets a JSON error; later failures can only cut the download short.
   */
  async open(tenantId: string, request: ExportRequest): Promise<OpenedExport> {
    const scope = buildScope(tenantId, request.search);
    const encoder = encoderFor(request);
    const batches = this.logs.stream(scope, request.search.sort, BATCH_SIZE)[Symbol.asyncIterator]();
    const first = await batches.next();
    async function* chunks(): AsyncGenerator<string> {
      try {
        const head = encoder.header() + (first.done ? '' : encoder.batch(first.value));
        if (head) yield head;
        if (first.done) return;
        for (let next = await batches.next(); !next.done; next = await batches.next()) {
          if (next.value.length > 0) yield encoder.batch(next.value);
        }
      } finally {
        await batches.return?.();
      }
    }
    return { contentType: encoder.contentType, extension: encoder.extension, chunks: chunks() };
  }
}
