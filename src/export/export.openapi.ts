import { SEARCH_BODY_PROPERTIES, SEARCH_FILTERS } from '../openapi/common-schemas';
import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { bool, input, str } from '../openapi/schema';

const EXPORT_OPTIONS = {
  format: str('csv (default) or ndjson (json, jsonl)'),
  gzip: { oneOf: [bool(), str()], description: 'true: a .gz download' },
  fields: { oneOf: [str(), { type: 'array' as const, items: str() }], description: 'Columns, comma-separated (CSV)' },
};

export const EXPORT_DOCS = {
  export: {
    summary: 'Download the records of a search as CSV or NDJSON (optionally gzip)',
    description: 'A JSON or form body with the search filters; format, gzip and fields may also come in the query. Streams every matching record; CSV cells are neutralised against formula injection.',
    body: input({ ...SEARCH_BODY_PROPERTIES, ...EXPORT_OPTIONS }), bodyRequired: false, consumes: ['application/json', 'application/x-www-form-urlencoded'],
    query: { format: { schema: str() }, gzip: { schema: str() }, fields: { schema: str() }, ...SEARCH_FILTERS },
    produces: ['text/csv', 'application/x-ndjson', 'application/gzip'], status: 200,
    response: str('The file'),
  },
} satisfies Record<string, ApiDocOptions>;
