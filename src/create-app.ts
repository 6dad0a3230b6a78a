import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import express from 'express';
import { AppModule } from './app.module';
import { ES_PRODUCT_HEADER } from './ingest/inputs/es-bulk/es-responses';
import { configureSecurity } from './auth/http-security/configure-security';
import { AppConfig } from './config/app-config';
import { Clock } from './platform/clock';
import { MetricsRegistry } from './observability/metrics/metrics-registry';
import { PerformanceRecorder } from './observability/performance-recorder';
import { observeRequests } from './observability/request-context/observe-requests.middleware';
import { RequestContextLogger } from './observability/request-context/request-context-logger';
import { configureViews } from './web/configure-views';
import { configureApiDocs } from './openapi/configure-api-docs';
import { HttpErrorFilter } from './web/http-error.filter';

const LOG_LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  debug: ['error', 'warn', 'log', 'debug'],
  info: ['error', 'warn', 'log'],
  warn: ['error', 'warn'],
  error: ['error'],
};

/** Ingest bodies arrive raw (parsed in worker threads); the rest of the API takes JSON. */
const INGEST_BODY_LIMIT = '256mb';
const INGEST_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/json', 'text/csv', 'text/plain'];

export async function createApp(config: AppConfig, options: { clock?: Clock } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config, options), {
    bodyParser: false,
    logger: new RequestContextLogger({ logLevels: LOG_LEVELS[config.logLevel] }),
  });
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  // Behind a reverse proxy, the client address (login rate limits) comes from X-Forwarded-For.
  if (config.trustProxyHops > 0) app.set('trust proxy', config.trustProxyHops);
  app.use(observeRequests(app.get(PerformanceRecorder), app.get(MetricsRegistry)));
  app.use(compression({ threshold: 1024 }));
  app.use(['/api/logs/bulk', /^\/api\/logs\/?$/], express.raw({ type: INGEST_TYPES, limit: INGEST_BODY_LIMIT }));
  // Shippers' own protocols: any content type (the Elasticsearch clients send vendor types), gzip inflated.
  app.use(['/es', '/v1/logs'], express.raw({ type: () => true, limit: INGEST_BODY_LIMIT }));
  app.use('/es', (_req: express.Request, res: express.Response, next: express.NextFunction) => {
    res.setHeader(ES_PRODUCT_HEADER, 'Elasticsearch');
    next();
  });
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.useGlobalFilters(new HttpErrorFilter());
  configureSecurity(app, config);
  configureApiDocs(app, config);
  configureViews(app, config);
  return app;
}
