import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { buildOpenApiDocument } from './openapi-document';

export const OPENAPI_JSON_PATH = '/api/openapi.json';
export const API_DOCS_PATH = '/api/docs';

/**
 * Swagger UI's page carries an inline <style> and SVG style attributes; the rest of Lognest
 * keeps its strict CSP. Its scripts and styles are swagger-ui-dist's own files, served from
 * node_modules under /api/docs: nothing is loaded from a CDN.
 */
const DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

/**
 * `GET /api/openapi.json` and Swagger UI at `/api/docs`, public like the routes' own
 * descriptions in the README (docs/decisions/0068). Call after configureSecurity.
 */
export function configureApiDocs(app: NestExpressApplication, config: AppConfig): void {
  app.use(API_DOCS_PATH, (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', DOCS_CSP);
    next();
  });
  // Seed 004 documents its API at /docs.
  const http = app.getHttpAdapter();
  http.get('/docs', (_req: unknown, res: unknown) => http.redirect(res, 301, API_DOCS_PATH));
  SwaggerModule.setup(API_DOCS_PATH.slice(1), app, () => buildOpenApiDocument(app, { metricsPublic: config.metricsPublic }), {
    jsonDocumentUrl: OPENAPI_JSON_PATH.slice(1),
    raw: ['json'],
    customSiteTitle: 'Lognest API',
    // No call to validator.swagger.io: the page works offline and tells no one what it shows.
    swaggerOptions: { validatorUrl: null, persistAuthorization: false },
  });
}
