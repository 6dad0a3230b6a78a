import { SEARCH_FILTERS } from '../openapi/common-schemas';
import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { str } from '../openapi/schema';

export const LIVE_DOCS = {
  tailLogs: {
    summary: 'Live tail as Server-Sent Events',
    description: 'Events `log` (a record, as search returns it), `dropped` (how many were skipped for a slow reader) and `metrics`. With `since`, the records of that period first. The socket.io namespace /live offers the same.',
    query: { ...SEARCH_FILTERS, since: { schema: str(), description: 'Backfill from this time (ISO 8601, epoch, now-5m)' } },
    produces: 'text/event-stream', response: str('An event stream'),
  },
} satisfies Record<string, ApiDocOptions>;
