import { LOG_RECORD, PAGING, SEARCH_BODY_PROPERTIES, SEARCH_FILTERS } from '../openapi/common-schemas';
import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { arr, bool, component, input, int, num, obj, ok, oneOf, str } from '../openapi/schema';
import { AROUND_CHOICES } from './search-request';

const SEARCH_PAGE = component('SearchPage', ok({
  total: int(), page: int(), per_page: int(), total_pages: int(), has_next: bool(), has_prev: bool(),
  results: arr(LOG_RECORD), execution_time_ms: num(),
}));

const SEARCH_QUERY = { ...SEARCH_FILTERS, ...PAGING, page_size: { schema: int(), description: 'Synonym of per_page' }, limit: { schema: int(), description: 'Synonym of per_page' } };
const NOT_FOUND = { 404: 'No such record in your tenant' };

export const SEARCH_DOCS = {
  post: {
    summary: 'Search logs', description: 'The query, filters, time range and paging as a JSON body; remembered in the search history.',
    body: input(SEARCH_BODY_PROPERTIES), bodyRequired: false, response: SEARCH_PAGE,
  },
  get: { summary: 'Search logs (query string)', query: SEARCH_QUERY, response: SEARCH_PAGE },
  recent: {
    summary: 'The newest records', query: { ...SEARCH_FILTERS, limit: { schema: int(undefined, { minimum: 1, maximum: 1000 }), description: 'How many (default 50)' } },
    response: ok({ count: int(), results: arr(LOG_RECORD) }),
  },
  one: { summary: 'One record by id', response: ok({ result: LOG_RECORD }), responses: NOT_FOUND },
  context: {
    summary: 'A record with the records around it in time',
    description: 'The neighbours share the record\'s service and server by default; `same` picks another neighbourhood. To load more, ask again from the first or last record shown.',
    query: {
      before: int(undefined, { minimum: 0, maximum: 500 }), after: int(undefined, { minimum: 0, maximum: 500 }),
      same: { schema: oneOf(Object.keys(AROUND_CHOICES)), description: 'What the neighbours share with the record: service and server (default), service, server, file (the same upload), or all records' },
    },
    response: ok({ record: LOG_RECORD, before: arr(LOG_RECORD), after: arr(LOG_RECORD) }), responses: NOT_FOUND,
  },
} satisfies Record<string, ApiDocOptions>;

const PREFIX = { q: { schema: str(undefined, { maxLength: 200 }), description: 'The prefix typed so far' } };

export const AUTOCOMPLETE_DOCS = {
  endpoints: { summary: 'Endpoints starting with q', query: PREFIX, response: ok({ endpoints: arr(str()), count: int() }) },
  messages: { summary: 'Messages starting with q', query: PREFIX, response: ok({ messages: arr(str()), count: int() }) },
  values: {
    summary: "A field's values starting with q",
    query: { field: { schema: str(undefined, { pattern: '^[\\w@.\\-]{1,100}$' }), required: true, description: 'service, http.method, ...' }, ...PREFIX },
    response: ok({ field: str(), values: arr(str()), count: int() }),
  },
  fields: {
    summary: 'The fields of the records a search matches, with counts and top values',
    query: { ...SEARCH_FILTERS, top: { schema: int(undefined, { minimum: 0, maximum: 20 }), description: 'Top values per field (default 5)' } },
    response: ok({
      total: int(), exact: bool(), count: int(),
      fields: arr(obj({ name: str(), type: str(), canonical: bool(), count: int(), top_values: arr(obj({ value: str(), count: int() })) })),
    }),
  },
} satisfies Record<string, ApiDocOptions>;
