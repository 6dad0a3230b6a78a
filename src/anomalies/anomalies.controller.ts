import { Controller, Get, Query } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { MetricName } from './anomaly';
import { AnomalyDetector } from './anomaly-detector.service';
import { presentAnomaly, presentPoint, presentReport } from './anomaly-presenter';
import { parseDetectionRequest, parseMetric } from './anomaly-request';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { ANOMALIES_DOCS } from './anomalies.openapi';

type Q = Record<string, unknown>;

/** Seed 002's anomaly API under /api: detections per metric, the report, and a series with its band. */
@Controller('api/anomaly')
@Access('read')
export class AnomaliesController {
  constructor(private readonly detector: AnomalyDetector) {}

  @ApiDoc(ANOMALIES_DOCS.logVolume)
  @Get('detect/log-volume')
  logVolume(@CurrentPrincipal() who: Principal, @Query() query: Q) {
    return this.detect(who, query, 'log_volume');
  }

  @ApiDoc(ANOMALIES_DOCS.errorRate)
  @Get('detect/error-rate')
  errorRate(@CurrentPrincipal() who: Principal, @Query() query: Q) {
    return this.detect(who, query, 'error_rate');
  }

  @ApiDoc(ANOMALIES_DOCS.latency)
  @Get('detect/latency')
  latency(@CurrentPrincipal() who: Principal, @Query() query: Q) {
    return this.detect(who, query, 'latency_p95');
  }

  @ApiDoc(ANOMALIES_DOCS.report)
  @Get('report')
  async report(@CurrentPrincipal() who: Principal, @Query() query: Q) {
    return presentReport(await this.detector.report(who.tenantId, parseDetectionRequest(query)));
  }

  @ApiDoc(ANOMALIES_DOCS.series)
  @Get('series')
  async series(@CurrentPrincipal() who: Principal, @Query() query: Q) {
    const request = parseDetectionRequest(query);
    const metric = parseMetric(query);
    const { points, anomalies } = await this.detector.series(who.tenantId, request, metric);
    return { metric, service: request.service, method: request.method, points: points.map(presentPoint), anomalies: anomalies.map(presentAnomaly) };
  }

  private async detect(who: Principal, query: Q, metric: MetricName) {
    const anomalies = await this.detector.detect(who.tenantId, parseDetectionRequest(query), [metric]);
    return anomalies.map(presentAnomaly);
  }
}
