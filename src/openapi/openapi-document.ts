import { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ResponseObject } from '@nestjs/swagger';
import { ACCESS_KEY, AccessKind } from '../auth/access.decorators';
import { RATE_LIMIT_CLASS_KEY } from '../rate-limits/rate-limit.decorator';
import { API_ERROR, RATE_LIMIT_HEADERS, REQUEST_ID_HEADERS } from './common-schemas';
import { registeredComponents } from './schema';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectDir } from '../web/project-dir';

const packageVersion = (): string => (JSON.parse(fs.readFileSync(path.join(projectDir(), 'package.json'), 'utf8')) as { version: string }).version;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The API: JSON routes, the shippers' protocols and the scrape; everything else is a page. */
export const API_PATH = /^\/(api|es|v1|metrics)(\/|$)/;

/** Who may call a route, as the access guard decides it (src/auth/access.decorators.ts). */
const ACCESS_TEXT: Record<AccessKind, string> = {
  public: 'Anyone, no credentials.',
  read: 'Any signed-in user; API tokens of scope read or admin.',
  ingest: 'Admins and members; API tokens of scope ingest or admin.',
  write: 'Admins and members; API tokens of scope admin.',
  admin: "Admins of the caller's tenant (installation admins too); API tokens of scope admin.",
  installation: 'Installation admins only.',
  account: 'The signed-in person (session or login token), never an API token.',
  metrics: 'Installation admins and API tokens of scope metrics; anyone when LOGNEST_METRICS_PUBLIC=true.',
};

interface RouteMeta {
  access: AccessKind;
  rateLimited: boolean;
  tag: string;
}

/**
 * The route metadata of every controller method by the operationId @nestjs/swagger gives it
 * (`<Controller>_<method>`): the access kind and rate-limit class decide an operation's
 * security, its 401/403/429 answers and its rate-limit headers, so they never drift from the
 * guard that enforces them.
 */
function routeMetadata(app: INestApplication): Map<string, RouteMeta> {
  const byOperation = new Map<string, RouteMeta>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const read = <T>(key: string): T | undefined => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
        byOperation.set(`${controller.name}_${name}`, {
          access: read<AccessKind>(ACCESS_KEY) ?? 'write',
          rateLimited: read<string>(RATE_LIMIT_CLASS_KEY) !== undefined,
          tag: controller.name.replace(/Controller$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
        });
      }
    }
  }
  return byOperation;
}

function errorResponse(description: string, headers: ResponseObject['headers'] = {}): ResponseObject {
  return { description, headers: { ...REQUEST_ID_HEADERS, ...headers }, content: { 'application/json': { schema: API_ERROR } } };
}

function enrich(operation: OperationObject, path: string, meta: RouteMeta | undefined, metricsPublic: boolean): void {
  const access = meta?.access ?? 'write';
  const rateLimited = path.startsWith('/api/') || (meta?.rateLimited ?? false);
  operation.tags = [meta?.tag ?? 'Other'];
  operation.description = [operation.description, `**Access:** ${ACCESS_TEXT[access]}`].filter(Boolean).join('\n\n');
  (operation as unknown as Record<string, unknown>)['x-lognest-access'] = access;
  const open = access === 'public' || (access === 'metrics' && metricsPublic);
  operation.security = open ? [] : [{ bearer: [] }, { session: [] }];
  // A handler that does not read a path parameter (@Param) still has it in its path.
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    const parameters = (operation.parameters ??= []);
    if (!parameters.some((p) => 'in' in p && p.in === 'path' && p.name === name)) parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
  const responses = operation.responses;
  for (const [code, response] of Object.entries(responses)) {
    const r = response as ResponseObject;
    r.headers = { ...REQUEST_ID_HEADERS, ...(rateLimited && code !== '429' ? RATE_LIMIT_HEADERS : {}), ...r.headers };
    if (Number(code) >= 400 && !r.content) r.content = { 'application/json': { schema: API_ERROR } };
  }
  if (!open) {
    responses['401'] ??= errorResponse('No credentials, or credentials that are not valid');
    responses['403'] ??= errorResponse('The credentials may not do this (role, token scope, installation admin)');
  }
  if (rateLimited) {
    responses['429'] ??= errorResponse('Rate limit exceeded (`{error: "Rate limit exceeded: 50 per 1 minute"}`)', {
      'Retry-After': { description: 'Seconds until the window resets', schema: { type: 'integer' } },
      ...RATE_LIMIT_HEADERS,
    });
  }
  if ((operation.parameters ?? []).length > 0 || operation.requestBody) responses['400'] ??= errorResponse('A parameter or the body is not valid: which one and why');
  if (operation.requestBody) {
    responses['413'] ??= errorResponse('The body is over the size limit');
    responses['415'] ??= errorResponse('The body has a media type or Content-Encoding this route does not take');
  }
  responses['503'] ??= errorResponse('A store is unavailable or saturated; retry after Retry-After', {
    'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
  });
}

/**
 * The OpenAPI 3 document of every API route (pages, outside API_PATH, are left out): the controllers'
 * @ApiDoc descriptions, completed from their access and rate-limit metadata.
 */
export function buildOpenApiDocument(app: INestApplication, options: { metricsPublic: boolean }): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Lognest API')
    .setDescription(
      'Log ingest, search, export, live tail, alerting and administration. Authenticate with `Authorization: Bearer <token>` '
        + '(a login token from POST /api/auth/login or an API token from POST /api/tokens), or with the session cookie of POST /api/login '
        + 'plus the `X-CSRF-Token` header (GET /api/csrf) on changes.',
    )
    .setVersion(packageVersion())
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A login token or an API token (lgn_...)' }, 'bearer')
    .addCookieAuth('lognest.sid', { type: 'apiKey', in: 'cookie', name: 'lognest.sid', description: 'Browser session; changes also need X-CSRF-Token' }, 'session')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...registeredComponents() } };
  const meta = routeMetadata(app);
  for (const path of Object.keys(document.paths)) if (!API_PATH.test(path)) delete document.paths[path];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation) enrich(operation, path, meta.get(operation.operationId ?? ''), options.metricsPublic);
    }
  }
  return document;
}
