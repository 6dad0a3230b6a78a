import { Controller, Get } from '@nestjs/common';
import { InstallationAdmin } from '../auth/access.decorators';
import { QueryCache } from '../platform/cache/query-cache';
import { PerformanceRecorder } from './performance-recorder';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { PERFORMANCE_DOCS } from './observability.openapi';

export async function cacheStatistics(cache: QueryCache) {
  const s = await cache.stats();
  const lookups = s.hits + s.misses;
  return {
    total_keys: s.totalKeys,
    hits: s.hits,
    misses: s.misses,
    hit_rate: lookups === 0 ? 0 : Math.round((s.hits / lookups) * 1000) / 10,
    memory_used: `${(s.memoryBytes / 1024 / 1024).toFixed(1)} MB`,
  };
}

/** Installation-wide numbers (every tenant's queries, one cache): installation admins only (docs/decisions/0013). */
@Controller('api')
@InstallationAdmin()
export class PerformanceController {
  constructor(
    private readonly recorder: PerformanceRecorder,
    private readonly cache: QueryCache,
  ) {}

  @ApiDoc(PERFORMANCE_DOCS.performance)
  @Get('performance')
  async performance() {
    return {
      success: true,
      metrics: {
        api_response_times: this.recorder.averages('api'),
        log_store_query_times: this.recorder.averages('log_store'),
        metadata_store_query_times: this.recorder.averages('metadata_store'),
        cache_statistics: await cacheStatistics(this.cache),
        requests: this.recorder.counts('api'),
      },
      timestamp: new Date().toISOString(),
    };
  }

  @ApiDoc(PERFORMANCE_DOCS.cacheStats)
  @Get('cache/stats')
  async cacheStats() {
    return { success: true, stats: await cacheStatistics(this.cache) };
  }
}
