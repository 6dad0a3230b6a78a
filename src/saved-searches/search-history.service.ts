import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { SearchPerformed } from '../platform/events/domain-events';
import { EventBus } from '../platform/events/event-bus';
import { newId } from '../platform/ids';
import { parseSearchRequest } from '../search/search-request';
import { PopularQuery, SearchHistoryEntry } from './search-history';
import { SearchHistoryStore } from './search-history-store';
import { SearchOwner } from './search-owner';

export const HISTORY_PER_USER = 1000;
const POPULAR_WINDOW_MS = 30 * 86_400_000;
/** History is kept for replay, not as an archive of request bodies: bound what one entry holds. */
const MAX_QUERY_CHARS = 2000;
const MAX_FILTERS_JSON = 16 * 1024;
/** Request keys that are not part of what was searched for. */
const NOT_FILTERS = new Set(['q', 'query', 'page', 'per_page', 'page_size']);

/** Keeps the searches people run (from `search.performed`), per user, and ranks them per tenant. */
@Injectable()
export class SearchHistoryService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SearchHistory');
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: SearchHistoryStore,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    // Kept after the answer is sent: the search's caller does not wait for its history.
    this.unsubscribe = this.events.on('search.performed', (event) => {
      setImmediate(() => this.record(event).catch((error: Error) => this.logger.warn(`search history not kept: ${error.message}`)));
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  async record(event: SearchPerformed, now = Date.now()): Promise<void> {
    const filters = Object.fromEntries(
      Object.entries(event.request).filter(([key, value]) => !NOT_FILTERS.has(key) && value !== undefined && value !== null && value !== ''),
    );
    const entry: SearchHistoryEntry = {
      id: newId(now), tenantId: event.tenantId, userId: event.userId,
      query: parseSearchRequest(event.request, now).q.slice(0, MAX_QUERY_CHARS),
      filters: JSON.stringify(filters).length > MAX_FILTERS_JSON ? {} : filters,
      total: event.total, durationMs: event.durationMs, searchedAt: now,
    };
    await this.store.add(entry, HISTORY_PER_USER);
  }

  list(owner: SearchOwner, limit: number): Promise<SearchHistoryEntry[]> {
    return this.store.list(owner.tenantId, owner.userId, limit);
  }

  popular(tenantId: string, limit: number, now = Date.now()): Promise<PopularQuery[]> {
    return this.store.popular(tenantId, now - POPULAR_WINDOW_MS, limit);
  }

  clear(owner: SearchOwner): Promise<number> {
    return this.store.clear(owner.tenantId, owner.userId);
  }
}
