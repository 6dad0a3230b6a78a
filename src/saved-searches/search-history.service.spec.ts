import { EventBus } from '../platform/events/event-bus';
import { FakeSearchHistoryStore } from './fake-search-history-store';
import { HISTORY_PER_USER, SearchHistoryService } from './search-history.service';

describe('SearchHistoryService', () => {
  const owner = { tenantId: 't1', userId: 'u1' };
  let events: EventBus;
  let service: SearchHistoryService;
  beforeEach(() => {
    events = new EventBus();
    service = new SearchHistoryService(new FakeSearchHistoryStore(), events);
    service.onModuleInit();
  });
  afterEach(() => service.onModuleDestroy());

  const searched = (request: Record<string, unknown>, userId = 'u1') =>
    events.publish({ type: 'search.performed', tenantId: 't1', userId, request, total: 4, durationMs: 12.345 });

  it('keeps each search a user runs: the q text, and the filters without paging', async () => {
    searched({ q: ' timeout ', level: 'ERROR', status_code: '', page: 1, per_page: 50, sort: 'asc' });
    searched({ query: 'from get', page_size: 10 });
    await new Promise((r) => setImmediate(r));
    const [second, first] = await service.list(owner, 10);
    expect(first).toMatchObject({ query: 'timeout', filters: { level: 'ERROR', sort: 'asc' }, total: 4, durationMs: 12.345 });
    expect(second).toMatchObject({ query: 'from get', filters: {} });
  });

  it('bounds what one entry holds', async () => {
    await service.record({ type: 'search.performed', tenantId: 't1', userId: 'u1', request: { q: 'x'.repeat(5000), service: 'y'.repeat(20_000) }, total: 0, durationMs: 1 });
    const [entry] = await service.list(owner, 1);
    expect(entry.query).toHaveLength(2000);
    expect(entry.filters).toEqual({});
  });

  it('keeps at most HISTORY_PER_USER entries a user', async () => {
    for (let i = 0; i < HISTORY_PER_USER + 5; i++) await service.record({ type: 'search.performed', tenantId: 't1', userId: 'u1', request: { q: `q${i}` }, total: 0, durationMs: 1 }, 1_000 + i);
    const kept = await service.list(owner, 5_000);
    expect(kept).toHaveLength(HISTORY_PER_USER);
    expect(kept[0].query).toBe(`q${HISTORY_PER_USER + 4}`);
    expect(kept[kept.length - 1].query).toBe('q5');
  });

  it('ranks the tenant’s queries of the last 30 days', async () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    const run = (q: string, userId: string, at: number) =>
      service.record({ type: 'search.performed', tenantId: 't1', userId, request: { q }, total: 0, durationMs: 1 }, at);
    await run('old favourite', 'u1', now - 31 * 86_400_000);
    await run('old favourite', 'u1', now - 31 * 86_400_000);
    await run('checkout', 'u1', now - 1000);
    await run('checkout', 'u2', now - 500);
    await run('login', 'u2', now - 100);
    await run('', 'u2', now - 50);
    expect((await service.popular('t1', 10, now)).map((p) => [p.query, p.count])).toEqual([['checkout', 2], ['login', 1]]);
  });
});
