import { CANONICAL_FIELDS, LEVELS } from '../logs/log-record';
import { ApiParamDoc } from './api-doc.decorator';
import { any, arr, bool, component, int, nullable, num, obj, oneOf, Schema, str, time } from './schema';

/** Every error answer: `{success: false, error, message}` and, for a bad parameter, `field`. */
export const API_ERROR = component('ApiError', obj(
  {
    success: bool('Always false'),
    error: str('A short code: invalid_parameter, query_syntax, not_found, unauthorized, forbidden, ...'),
    message: str('What was wrong, and where'),
    field: str('The parameter at fault'),
    position: int('Where a query has a syntax error'),
    expected: any('What the query parser expected there'),
  },
  { optional: ['success', 'field', 'position', 'expected'] },
));

export const REQUEST_ID_HEADERS = {
  'X-Request-ID': { description: "This request's id (the caller's own when it sent a safe one of at most 128 characters)", schema: { type: 'string' as const } },
  'X-Correlation-ID': { description: 'The correlation id, echoed or generated', schema: { type: 'string' as const } },
};

export const RATE_LIMIT_HEADERS = {
  'X-RateLimit-Limit': { description: "The limit of the route's class in its window", schema: { type: 'integer' as const } },
  'X-RateLimit-Remaining': { description: 'Calls left in this window', schema: { type: 'integer' as const } },
  'X-RateLimit-Reset': { description: 'When the window resets, in epoch seconds', schema: { type: 'integer' as const } },
};

const FIELD_SCHEMAS: Record<string, Schema> = {
  keyword: nullable(str()),
  text: nullable(str()),
  long: nullable(int()),
  double: nullable(num()),
  date: time(),
  'keyword[]': arr(str()),
};

/** A log record as every route answers it: the canonical fields, then the input's other keys under `fields`. */
export const LOG_RECORD = component('LogRecord', obj({
  ...Object.fromEntries(Object.entries(CANONICAL_FIELDS).map(([name, { type }]) => [name, FIELD_SCHEMAS[type]])),
  id: str('Unique, time-sortable'),
  level: oneOf(LEVELS),
  message: str(),
  fields: { type: 'object', additionalProperties: true, description: "Every other key of the input, searchable as name:value" },
}));

/** The filters every search-like route takes (search, export, patterns, fields, live tail). */
export const SEARCH_FILTERS: Record<string, ApiParamDoc> = {
  q: { schema: str(), description: 'Query (Lucene/KQL subset): words, "phrases", field:value, ranges, AND/OR/NOT' },
  query: { schema: str(), description: 'Synonym of q' },
  level: { schema: str(), description: `Levels, comma-separated: ${LEVELS.join(', ')}` },
  status_code: { schema: str(), description: 'HTTP status codes, comma-separated' },
  service: { schema: str() },
  source: { schema: str(), description: 'Synonym of service' },
  endpoint: { schema: str() },
  server: { schema: str() },
  environment: { schema: str() },
  date_from: { schema: str(), description: 'ISO 8601, epoch ms, or relative (now-15m); synonyms start_date, from' },
  date_to: { schema: str(), description: 'ISO 8601, epoch ms, or relative (now); synonyms end_date, to' },
};

export const PAGING: Record<string, ApiParamDoc> = {
  page: { schema: int(undefined, { minimum: 1, maximum: 1_000_000 }) },
  per_page: { schema: int(undefined, { minimum: 1, maximum: 1000 }), description: 'Page size (synonyms page_size, limit); default 50' },
  sort: { schema: str(), description: 'asc, desc, or field:asc|desc on a canonical field' },
};

/** The same filters as a JSON body (POST /api/search, /api/export). */
export const SEARCH_BODY_PROPERTIES: Record<string, Schema> = {
  q: str(), query: str(),
  level: { oneOf: [str(), arr(str())] }, status_code: { oneOf: [str(), int(), arr({ oneOf: [str(), int()] })] },
  service: str(), source: str(), endpoint: str(), server: str(), environment: str(),
  date_from: { oneOf: [str(), int()] }, date_to: { oneOf: [str(), int()] },
  page: int(), per_page: int(), page_size: int(), limit: int(), sort: str(),
};

export const SUCCESS_MESSAGE = obj({ success: bool(), message: str() });
