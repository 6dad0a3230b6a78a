import { Logger } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { MetricsRegistry } from '../metrics/metrics-registry';
import { PerformanceRecorder } from '../performance-recorder';
import { RequestContext, requestContextOf, runInRequestContext } from './request-context';

declare module 'express-serve-static-core' {
  interface Request {
    context?: RequestContext;
  }
}

/**
 * The route pattern a request matched (`/api/logs/:id`), so metric labels stay few; requests
 * no route matched (static files, 404s) share one label each.
 */
export function routeOf(req: Request, status: number): string {
  if (req.route?.path) return `${req.baseUrl}${req.route.path}`;
  return status === 404 ? 'unmatched' : 'static';
}

/**
 * Per request: ids (X-Request-ID, X-Correlation-ID, traceparent) set on the response and
 * held for the request's log lines; then, when it finishes, one access log line, the
 * Prometheus HTTP metrics, and the route timing of /api/performance.
 */
export function observeRequests(recorder: PerformanceRecorder, metrics: MetricsRegistry) {
  const logger = new Logger('HTTP');
  const requests = metrics.counter('http_requests_total', 'HTTP requests answered', ['method', 'route', 'status']);
  const durations = metrics.histogram('http_request_duration_seconds', 'HTTP request duration', ['method', 'route', 'status']);
  return (req: Request, res: Response, next: NextFunction) => {
    const context = requestContextOf(req.headers);
    req.context = context;
    res.setHeader('X-Request-ID', context.requestId);
    res.setHeader('X-Correlation-ID', context.correlationId);
    const started = performance.now();
    res.on('finish', () => {
      const ms = performance.now() - started;
      const route = routeOf(req, res.statusCode);
      const labels = { method: req.method, route, status: String(res.statusCode) };
      requests.inc(labels);
      durations.observe(labels, ms / 1000);
      if (req.route?.path && req.path.startsWith('/api/')) recorder.record('api', `${req.method} ${route}`, ms);
      runInRequestContext(context, () =>
        logger.log(`${req.method} ${route} ${res.statusCode} ${ms.toFixed(1)}ms${context.traceId ? ` trace_id=${context.traceId}` : ''}`),
      );
    });
    runInRequestContext(context, next);
  };
}
