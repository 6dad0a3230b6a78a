import { Injectable } from '@nestjs/common';
import { LogReadStore } from '../logs/log-read-store';
import { LogRecord } from '../logs/log-record';
import { AroundField } from '../logs/log-scope';
import { buildScope } from './scope-builder';
import { Principal } from '../auth/auth-types';
import { EventBus } from '../platform/events/event-bus';
import { parseSearchRequest, SearchRequest } from './search-request';

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
  constructor(
    private readonly logs: LogReadStore,
    private readonly events: EventBus,
  ) {}

  /**
   * A search as the search page sends it; a person's first page goes to their history
   * (`search.performed`), a script's (API token) does not.
   */
  async searchAndRemember(who: Principal, body: Record<string, unknown>): Promise<SearchPage> {
    const page = await this.search(who.tenantId, parseSearchRequest(body));
    const byPerson = who.tokenScope === null || who.tokenScope === 'login';
    if (who.userId && byPerson && page.page === 1) {
      this.events.publish({
        type: 'search.performed', tenantId: who.tenantId, userId: who.userId, request: body, total: page.total, durationMs: page.executionTimeMs,
      });
    }
    return page;
  }

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

  around(tenantId: string, id: string, before: number, after: number, same: AroundField[]) {
    return this.logs.around(tenantId, id, before, after, same);
  }
}
