import { HttpException } from '@nestjs/common';
import { InvalidQueryError } from '../logs/query/invalid-query-error';
import { QuerySyntaxError } from '../logs/query/query-syntax-error';
import { compileScopePredicate, RecordPredicate } from '../logs/query/record-predicate';
import { requiredValues } from '../logs/query/required-values';
import { buildScope } from '../search/scope-builder';
import { parseSearchRequest, SearchRequest } from '../search/search-request';
import { FiltersError, LiveFilters } from './client-events';

/** The filter keys a live subscriber may set: search's filters without paging or time range. */
const FILTER_KEYS = ['query', 'q', 'level', 'service', 'server', 'environment', 'endpoint', 'status_code'] as const;

export interface LiveFilter {
  filters: LiveFilters;
  request: SearchRequest;
  matches: RecordPredicate;
  /** The services a record must be of to match (null: any); the tailer indexes by it. */
  services: ReadonlySet<string> | null;
  /** The filter keys it was compiled from: compiled again where records are prepared (LiveMatchers). */
  input: Record<string, unknown>;
}

/**
 * A live filter with search's semantics: the same request parsing and scope building as
 * POST /api/search, compiled into the shared record predicate. Throws what search throws
 * (QuerySyntaxError, InvalidQueryError, a 400 naming the parameter).
 */
export function compileLiveFilter(tenantId: string, input: unknown): LiveFilter {
  const source = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const picked: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) if (source[key] !== undefined && source[key] !== null) picked[key] = source[key];
  const request = parseSearchRequest(picked);
  const scope = buildScope(tenantId, { ...request, from: undefined, to: undefined });
  const matches = compileScopePredicate(scope);
  const filters: LiveFilters = { query: request.q };
  if (request.levels.length > 0) filters.level = request.levels;
  for (const key of ['service', 'server', 'environment'] as const) if (request[key] !== null) filters[key] = request[key]!;
  return { filters, request, matches, services: requiredValues(scope.query, 'service'), input: picked };
}

/** The `filters_error` payload for what compileLiveFilter threw; rethrows anything else. */
export function toFiltersError(err: unknown): FiltersError {
  if (err instanceof QuerySyntaxError) return { message: err.message, position: err.position };
  if (err instanceof InvalidQueryError) return { message: err.message, position: null };
  if (err instanceof HttpException) {
    const body = err.getResponse() as { message?: string; field?: string };
    return { message: body.message ?? err.message, position: null, ...(body.field ? { field: body.field } : {}) };
  }
  throw err;
}
