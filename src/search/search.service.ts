import { Injectable } from '@nestjs/common';
import { LogReadStore } from '../logs/log-read-store';
import { LogRecord } from '../logs/log-record';
import { buildScope } from './scope-builder';
import { SearchRequest } from './search-request';

export interface SearchPage {
  total: number;
  page: number;
  perPage: number;
  records: LogRecord[];
  executionTimeMs: number;
}

/** Searches one tenant's logs. */
@Injectable()
export class SearchService {
  constructor(private readonly logs: LogReadStore) {}

  async search(tenantId: string, request: SearchRequest): Promise<SearchPage> {
    const started = performance.now();
    const scope = buildScope(tenantId, request);
    const { total, records } = await this.logs.search(scope, {
      offset: (request.page - 1) * request.perPage,
      limit: request.perPage,
      sort: request.sort,
      sortField: request.sortField,
    });
    return { total, page: request.page, perPage: request.perPage, records, executionTimeMs: performance.now() - started };
  }

  get(tenantId: string, id: string): Promise<LogRecord | null> {
    return this.logs.get(tenantId, id);
  }

  around(tenantId: string, id: string, before: number, after: number) {
    return this.logs.around(tenantId, id, before, after);
  }
}
