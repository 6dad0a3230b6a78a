import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { any, arr, bool, component, int, map, nullable, obj, ok, str } from '../openapi/schema';

/** A rejected line or record: where, and why. */
export const LINE_ERROR = component('LineError', obj({ line: int('1-based line (or record) number'), reason: str() }));

const INGEST_TYPES = ['application/json', 'application/x-ndjson', 'application/ndjson', 'application/jsonl', 'text/csv', 'text/plain'];

export const INGEST_DOCS = {
  one: {
    summary: 'Ingest one record', description: 'One JSON object; the answer comes when it is durable.',
    body: { type: 'object', additionalProperties: true, properties: { message: { type: 'string' }, level: { type: 'string' }, timestamp: { type: 'string' }, service: { type: 'string' } } },
    consumes: ['application/json'],
    response: ok({ accepted: int(), rejected: int(), ids: arr(str()) }),
  },
  bulk: {
    summary: 'Ingest many records', description: 'A JSON array, NDJSON, CSV (header row) or text lines, gzip accepted. Bad records are rejected with their line; the others are kept, durable when answered.',
    body: { oneOf: [arr({ type: 'object', additionalProperties: true }), str()] }, consumes: INGEST_TYPES,
    response: ok({ accepted: int(), rejected: int(), errors: arr(LINE_ERROR) }),
  },
} satisfies Record<string, ApiDocOptions>;

export const INPUTS_DOCS = {
  list: {
    summary: 'What each network input (syslog, TCP JSON, ES bulk, OTLP, Kafka) has received',
    response: ok({
      inputs: arr(obj({
        name: str(), enabled: bool(), address: nullable(str()), received: int(), accepted: int(), rejected: int(), duplicates: int(),
        rejectReasons: map(int()), lastError: nullable(obj({ at: str(), reason: str() })), partitions: arr(any()),
      }, { optional: ['partitions'] })),
    }),
  },
} satisfies Record<string, ApiDocOptions>;

export const OTLP_DOCS = {
  export: {
    summary: 'OTLP/HTTP logs export (protobuf or JSON)', description: 'What the OpenTelemetry SDK exporters and the collector send; the answer is in the request encoding.',
    body: any('ExportLogsServiceRequest'), consumes: ['application/x-protobuf', 'application/json'], status: 200,
    response: obj({ partialSuccess: obj({ rejectedLogRecords: { oneOf: [str(), int()] }, errorMessage: str() }) }, { optional: ['partialSuccess'] }),
    responses: { 400: { description: 'Not a valid OTLP request', schema: obj({ code: int(), message: str() }) }, 415: { description: 'Not protobuf or JSON', schema: obj({ code: int(), message: str() }) } },
  },
} satisfies Record<string, ApiDocOptions>;
