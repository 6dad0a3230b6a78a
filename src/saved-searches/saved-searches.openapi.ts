import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { arr, component, input, int, nullable, num, obj, ok, str, time } from '../openapi/schema';

const FILTERS = { type: 'object' as const, additionalProperties: true, description: 'The search: q, level, service, date_from, ... as POST /api/search takes them' };
const SAVED = component('SavedSearch', obj({
  _id: str(), id: str(), name: str(), description: nullable(str()), filters: FILTERS, created_at: time(), last_used: nullable(time()), use_count: int(),
}));
const LIMIT = (max: number) => ({ limit: int(undefined, { minimum: 1, maximum: max }) });
const NOT_FOUND = { 404: 'No such saved search of yours' };

export const SAVED_SEARCHES_DOCS = {
  save: {
    summary: 'Save a search', body: input({ name: str(undefined, { minLength: 1, maxLength: 200 }), description: str(), filters: FILTERS }, ['name']),
    response: ok({ message: str(), search_id: str(), name: str() }), responses: { 409: 'You have a saved search of that name' },
  },
  list: { summary: 'Your saved searches', query: LIMIT(500), response: ok({ searches: arr(SAVED), count: int() }) },
  update: { summary: 'Rename or describe a saved search', body: input({ name: str(), description: nullable(str()) }), response: ok({ message: str(), search: SAVED }), responses: NOT_FOUND },
  use: { summary: 'Count a use of a saved search (and answer it)', response: ok({ search: SAVED }), responses: NOT_FOUND },
  delete: { summary: 'Delete a saved search', response: ok({ message: str() }), responses: NOT_FOUND },
} satisfies Record<string, ApiDocOptions>;

export const SEARCH_HISTORY_DOCS = {
  list: {
    summary: 'Your recent searches', query: LIMIT(1000),
    response: ok({ history: arr(obj({ id: str(), query: str(), filters: FILTERS, total: int(), duration_ms: num(), searched_at: time() })), count: int() }),
  },
  popular: {
    summary: "Your tenant's most frequent queries", query: LIMIT(100),
    response: ok({ queries: arr(obj({ query: str(), count: int(), last_searched: time() })), count: int() }),
  },
  clear: { summary: 'Clear your search history', response: ok({ message: str(), deleted: int() }) },
} satisfies Record<string, ApiDocOptions>;
