import { ApiDocOptions } from '../../../openapi/api-doc.decorator';
import { any, arr, bool, component, int, map, obj, str } from '../../../openapi/schema';

const ES_ERROR = component('EsError', obj({
  error: obj({ root_cause: arr(obj({ type: str(), reason: str() })), type: str(), reason: str() }),
  message: str(),
}, { description: "Elasticsearch's error body" }));

const ITEM = component('EsItemResult', obj({
  _index: str(), _id: { type: 'string', nullable: true }, status: int(), result: str(), _version: int(),
  _shards: obj({ total: int(), successful: int(), failed: int() }), _seq_no: int(), _primary_term: int(),
  error: obj({ type: str(), reason: str() }),
}, { optional: ['result', '_version', '_shards', '_seq_no', '_primary_term', 'error'] }));

const NDJSON_TYPES = ['application/x-ndjson', 'application/json', 'application/vnd.elasticsearch+x-ndjson', 'text/plain'];
const ES_ERRORS = { 400: { description: 'The body is missing or not Elasticsearch bulk/JSON', schema: ES_ERROR } };

export const ES_DOCS = {
  info: { summary: 'Node info as Elasticsearch 8 answers it (shippers check the version)', response: obj({ name: str(), cluster_name: str(), cluster_uuid: str(), version: obj({ number: str() }), tagline: str() }) },
  license: { summary: 'A basic licence, as Elasticsearch answers it', response: obj({ license: obj({ status: str(), type: str() }) }) },
  health: { summary: 'Cluster health: green', response: obj({ cluster_name: str(), status: str(), timed_out: bool(), number_of_nodes: int() }) },
  bulk: {
    summary: 'Elasticsearch bulk API: index/create actions ingest their documents',
    description: 'NDJSON action and document lines; gzip accepted. Each item answers its own status, as Elasticsearch does.',
    body: str('Bulk NDJSON'), consumes: NDJSON_TYPES,
    response: obj({ took: int(), errors: bool(), items: arr(map(ITEM)) }),
    responses: ES_ERRORS,
  },
  doc: {
    summary: 'Index one document', body: { type: 'object', additionalProperties: true }, consumes: ['application/json'],
    response: ITEM, responses: ES_ERRORS,
  },
  documentRead: {
    summary: 'Documents are not read or changed here (405): Lognest keeps logs append-only',
    response: ES_ERROR, status: 405,
  },
  setupRead: { summary: 'A template, policy, data stream, pipeline or alias: answered empty', response: obj({}) },
  setupWrite: { summary: 'Installing a template, policy, data stream, pipeline or alias: acknowledged', body: any(), bodyRequired: false, response: obj({ acknowledged: bool() }) },
  createIndex: { summary: 'Create an index: acknowledged', body: any(), bodyRequired: false, response: obj({ acknowledged: bool(), shards_acknowledged: bool(), index: str() }) },
} satisfies Record<string, ApiDocOptions>;
