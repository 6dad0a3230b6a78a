// What Elasticsearch 8 answers to the calls shippers make before writing. The official
// clients refuse a server whose `GET /` lacks a version ≥ 8 or whose responses lack the
// `X-Elastic-Product: Elasticsearch` header (set for all of /es in create-app).

export const ES_COMPAT_VERSION = '8.19.0';
export const ES_PRODUCT_HEADER = 'X-Elastic-Product';

export function nodeInfo() {
  return {
    name: 'lognest',
    cluster_name: 'lognest',
    cluster_uuid: 'lognest-es-compatible-bulk-api',
    version: {
      number: ES_COMPAT_VERSION,
      build_flavor: 'default',
      build_type: 'lognest',
      build_hash: 'lognest',
      build_date: '2025-01-01T00:00:00.000Z',
      build_snapshot: false,
      lucene_version: '9.12.0',
      minimum_wire_compatibility_version: '7.17.0',
      minimum_index_compatibility_version: '7.0.0',
    },
    tagline: 'You Know, for Search',
  };
}

export function licenseInfo() {
  return {
    license: {
      status: 'active',
      uid: 'lognest',
      type: 'basic',
      issue_date: '2025-01-01T00:00:00.000Z',
      issue_date_in_millis: 1735689600000,
      max_nodes: 1000,
      max_resource_units: null,
      issued_to: 'lognest',
      issuer: 'elasticsearch',
      start_date_in_millis: -1,
    },
  };
}

export function clusterHealth() {
  return {
    cluster_name: 'lognest',
    status: 'green',
    timed_out: false,
    number_of_nodes: 1,
    number_of_data_nodes: 1,
    active_primary_shards: 0,
    active_shards: 0,
    relocating_shards: 0,
    initializing_shards: 0,
    unassigned_shards: 0,
    delayed_unassigned_shards: 0,
    number_of_pending_tasks: 0,
    number_of_in_flight_fetch: 0,
    task_max_waiting_in_queue_millis: 0,
    active_shards_percent_as_number: 100,
  };
}

/** Elasticsearch's error body. */
export function esError(type: string, reason: string) {
  return { error: { root_cause: [{ type, reason }], type, reason }, message: reason };
}
