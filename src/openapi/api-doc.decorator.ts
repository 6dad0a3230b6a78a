import { applyDecorators, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, SchemaObject } from '@nestjs/swagger';
import { Schema } from './schema';

export interface ApiParamDoc {
  schema: Schema;
  description?: string;
  required?: boolean;
}

export interface ApiDocOptions {
  summary: string;
  description?: string;
  /** Query parameters by name: a schema, or a schema with a description (and `required`). */
  query?: Record<string, Schema | ApiParamDoc>;
  /** Descriptions (and schemas) of the path parameters; every `:name` is documented even without. */
  params?: Record<string, ApiParamDoc>;
  /** The request body's schema; `consumes` lists its media types (JSON when absent). */
  body?: Schema;
  bodyRequired?: boolean;
  consumes?: string[];
  /** The body of the success answer; `produces` its media type (JSON when absent). */
  response: Schema;
  produces?: string | string[];
  /** The success status when it is not the route's own (its @HttpCode, else 201 for POST, else 200). */
  status?: number;
  /** Further answers this route gives besides the common ones (401, 403, 429 are added from its access). */
  responses?: Record<number, string | { description: string; schema: Schema }>;
}

const isParamDoc = (v: Schema | ApiParamDoc): v is ApiParamDoc => typeof v === 'object' && v !== null && 'schema' in v;

/**
 * The OpenAPI description of one route. Put it first (above @Get/@Post/@HttpCode): decorators
 * apply bottom-up, so the route's method and status code are known when this one runs, and
 * the documented success status is the one Nest answers with.
 */
export function ApiDoc(options: ApiDocOptions): MethodDecorator {
  return (target, key, descriptor) => {
    const handler = descriptor.value as object;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method === undefined) throw new Error(`@ApiDoc on ${String(key)} must come above its @Get/@Post/... decorator`);
    const httpCode = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
    const status = options.status ?? httpCode ?? (method === RequestMethod.POST ? 201 : 200);
    const decorators: (MethodDecorator | ClassDecorator)[] = [
      ApiOperation({ summary: options.summary, ...(options.description ? { description: options.description } : {}) }),
      ApiResponse({ status, description: 'Success', schema: options.response }),
    ];
    if (options.produces) decorators.push(ApiProduces(...[options.produces].flat()));
    for (const [name, doc] of Object.entries(options.query ?? {})) {
      const d = isParamDoc(doc) ? doc : { schema: doc };
      decorators.push(ApiQuery({ name, required: d.required ?? false, schema: d.schema, ...(d.description ? { description: d.description } : {}) }));
    }
    for (const [name, d] of Object.entries(options.params ?? {})) {
      decorators.push(ApiParam({ name, required: true, schema: d.schema as SchemaObject, ...(d.description ? { description: d.description } : {}) }));
    }
    if (options.body) {
      decorators.push(ApiBody({ schema: options.body, required: options.bodyRequired ?? true }));
      if (options.consumes) decorators.push(ApiConsumes(...options.consumes));
    }
    for (const [code, doc] of Object.entries(options.responses ?? {})) {
      decorators.push(ApiResponse({ status: Number(code), ...(typeof doc === 'string' ? { description: doc } : doc) }));
    }
    applyDecorators(...decorators)(target, key, descriptor);
  };
}
