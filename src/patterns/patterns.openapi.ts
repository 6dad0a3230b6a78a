import { SEARCH_FILTERS } from '../openapi/common-schemas';
import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { arr, bool, component, int, map, nullable, num, obj, str, time } from '../openapi/schema';

const PATTERN = component('LogPattern', obj({
  pattern_id: str('12 hex digits, stable for a service and template'), service: nullable(str()), template: str('The first line of the message with its variable parts as <*>'),
  count: int('Records of the search with this pattern'), share: num('count / total (list only)'),
  first_seen: time('First seen at all'), last_seen: time(), sample: str(), levels: map(int()),
  trend: arr(int(), 'Records per trend_interval_ms bucket from trend_start'), new: bool('First seen inside the asked range'),
}, { optional: ['share'] }));

export const PATTERNS_DOCS = {
  list: {
    summary: 'Log patterns of the records a search matches, most frequent first',
    query: { ...SEARCH_FILTERS, limit: { schema: int(undefined, { minimum: 1, maximum: 1000 }), description: 'Patterns answered (default 50)' } },
    response: obj({ patterns: arr(PATTERN), total: int('Records of the search'), unassigned: int('Of them, stored before pattern ids were given'), trend_start: time(), trend_interval_ms: int() }),
  },
  one: {
    summary: 'One pattern of the records a search matches', query: SEARCH_FILTERS,
    params: { id: { schema: str(undefined, { pattern: '^[0-9a-f]{12}$' }) } },
    response: PATTERN, responses: { 404: 'The tenant has no such pattern' },
  },
} satisfies Record<string, ApiDocOptions>;
