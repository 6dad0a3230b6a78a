import { SEARCH_FILTERS } from '../openapi/common-schemas';
import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { arr, bool, component, int, map, nullable, obj, str, time } from '../openapi/schema';

const PATTERN = component('LogPattern', obj({
  pattern_id: str('12 hex digits, stable for a service and template'), service: nullable(str()), template: str('The message with its variable parts as <*>, <NUM>, ...'),
  count: int(), first_seen: time(), last_seen: time(), sample: str(), levels: map(int()), new: bool('First seen inside the asked range'),
}));

export const PATTERNS_DOCS = {
  list: {
    summary: 'Log patterns of the records a search matches, most frequent first',
    query: { ...SEARCH_FILTERS, limit: { schema: int(undefined, { minimum: 1, maximum: 1000 }), description: 'Patterns answered (default 50)' } },
    response: obj({ patterns: arr(PATTERN), total: int(), mined: int('Records mined'), truncated: bool('Mining stopped at its record limit') }),
  },
  one: {
    summary: 'One pattern of the records a search matches', query: SEARCH_FILTERS,
    params: { id: { schema: str(undefined, { pattern: '^[0-9a-f]{12}$' }) } },
    response: PATTERN, responses: { 404: 'No such pattern in those records' },
  },
} satisfies Record<string, ApiDocOptions>;
