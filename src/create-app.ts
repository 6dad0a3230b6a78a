import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import express from 'express';
import { AppModule } from './app.module';
import { configureSecurity } from './auth/http-security/configure-security';
import { AppConfig } from './config/app-config';
import { PerformanceRecorder } from './observability/performance-recorder';
import { requestTiming } from './observability/request-timing.middleware';
import { ApiExceptionFilter } from './platform/http/api-exception.filter';
import { configureViews } from './web/configure-views';

const LOG_LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  debug: ['error', 'warn', 'log', 'debug'],
  info: ['error', 'warn', 'log'],
  warn: ['error', 'warn'],
  error: ['error'],
};

/** Ingest bodies arrive raw (parsed in worker threads); the rest of the API takes JSON. */
const INGEST_BODY_LIMIT = '256mb';
const INGEST_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/json', 'text/csv', 'text/plain'];

export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    bodyParser: false,
    logger: LOG_LEVELS[config.logLevel],
  });
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  // Behind a reverse proxy, the client address (login rate limits) comes from X-Forwarded-For.
  if (config.trustProxyHops > 0) app.set('trust proxy', config.trustProxyHops);
  app.use(requestTiming(app.get(PerformanceRecorder)));
  app.use(compression({ threshold: 1024 }));
  app.use(['/api/logs/bulk', /^\/api\/logs\/?$/], express.raw({ type: INGEST_TYPES, limit: INGEST_BODY_LIMIT }));
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.useGlobalFilters(new ApiExceptionFilter());
  configureSecurity(app, config);
  configureViews(app, config);
  return app;
}
