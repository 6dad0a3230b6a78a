import { Controller, Get, Header, Res } from '@nestjs/common';
import { Response } from 'express';
import { Access } from '../../auth/access.decorators';
import { MetricsRegistry } from './metrics-registry';
import { RateLimit } from '../../rate-limits/rate-limit.decorator';
import { ApiDoc } from '../../openapi/api-doc.decorator';
import { METRICS_DOCS } from '../observability.openapi';

/**
 * Prometheus scrape endpoint. Who may read it (an admin, a `metrics` token, or anyone with
 * LOGNEST_METRICS_PUBLIC=true) is the access guard's `metrics` kind.
 */
@Controller('metrics')
@Access('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @ApiDoc(METRICS_DOCS.scrape)
  @Get()
  @RateLimit('metrics')
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() response: Response): Promise<void> {
    response.type(this.metrics.contentType).send(await this.metrics.text());
  }
}
