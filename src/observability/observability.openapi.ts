import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { arr, bool, component, int, map, nullable, num, obj, ok, str, time } from '../openapi/schema';

const CACHE_STATS = component('CacheStatistics', obj({ total_keys: int(), hits: int(), misses: int(), hit_rate: num('Percent'), memory_used: str('e.g. 1.2 MB') }));
const COMPONENTS = map(bool(), 'log_store, metadata_store, and redis when configured: healthy or not');

export const HEALTH_DOCS = {
  get: {
    summary: 'Health of Lognest and its stores (503 when one is down)',
    response: obj({ status: str('healthy or unhealthy'), healthy: bool(), components: COMPONENTS }),
    responses: { 503: { description: 'A store is down', schema: obj({ status: str(), healthy: bool(), components: COMPONENTS }) } },
  },
} satisfies Record<string, ApiDocOptions>;

export const PERFORMANCE_DOCS = {
  performance: {
    summary: 'Average times of API routes and store calls since start, cache statistics',
    response: ok({
      metrics: obj({
        api_response_times: map(num(), 'ms per route'), log_store_query_times: map(num()), metadata_store_query_times: map(num()),
        cache_statistics: CACHE_STATS, requests: map(int()),
      }),
      timestamp: time(),
    }),
  },
  cacheStats: { summary: "The query cache's statistics", response: ok({ stats: CACHE_STATS }) },
} satisfies Record<string, ApiDocOptions>;

export const CACHE_ADMIN_DOCS = {
  clear: {
    summary: "Clear your tenant's cached answers (all, or those whose name starts with a prefix)",
    query: { pattern: { schema: str(undefined, { pattern: '^[a-zA-Z0-9_:.-]{0,100}\\*?$' }), description: 'metrics:*, logs:search*, ... (default: everything)' } },
    response: ok({ pattern: str(), cleared: int() }),
  },
} satisfies Record<string, ApiDocOptions>;

export const METRICS_DOCS = {
  scrape: {
    summary: 'Prometheus metrics (text exposition format)',
    description: 'http_requests_total, http_request_duration_seconds, lognest_ingested_records_total, lognest_rejected_records_total, writer queue, commit and store query durations, cache hits and misses, live subscribers, alert evaluations, process and Node metrics.',
    produces: 'text/plain', response: str('Prometheus text format 0.0.4'),
  },
} satisfies Record<string, ApiDocOptions>;

export const TRACE_DOCS = {
  context: {
    summary: 'The request and trace ids this request got (to check what a client sends)',
    response: obj({ request_id: str(), correlation_id: str(), trace_id: nullable(str()), parent_span_id: nullable(str()), timestamp: time() }),
  },
} satisfies Record<string, ApiDocOptions>;
