// How records are laid out in Elasticsearch. A document is the stored shape of a record
// (stored-record.ts: canonical wire names, `ts` for `@timestamp`, `fields` as an object) plus
// two indexed-only parts kept out of `_source`:
// - `extra`: the `fields` object as nested {k, v, n} pairs, so any key (even `a` and `a.b`
//   side by side) is searchable without a mapping per key, and `n` holds the value as a
//   number when it is one (`duration:>100` compares numbers, as DuckDB's TRY_CAST);
// - `as_text`: numbers and dates as DuckDB casts them to text (a DOUBLE 300 is `300.0`), for
//   wildcards, regexes and term buckets over them.
import { CANONICAL_FIELDS, CanonicalFieldName, isCanonicalField } from '../log-record';
import { isNumeric } from '../query/query-values';
import { StoredRecord } from '../stored-record';

/** The longest message (in UTF-16 units) still matched by words, phrases and regexes. */
export const MESSAGE_KEYWORD_LIMIT = 8191;

/** The document field that holds a canonical field (`@timestamp` is stored as `ts`). */
export function docField(name: CanonicalFieldName): string {
  if (name === '@timestamp') return 'ts';
  if (name === 'message') return 'message.raw';
  return name;
}

/** A keyword document field holding a field's value as text, for buckets, wildcards and regexes. */
export function textField(name: CanonicalFieldName): string {
  const type = CANONICAL_FIELDS[name].type;
  if (type === 'long' || type === 'double' || type === 'date') return `as_text.${name === '@timestamp' ? 'ts' : name}`;
  return docField(name);
}

const NUMERIC_OR_DATE = Object.entries(CANONICAL_FIELDS).filter(([, f]) => f.type === 'long' || f.type === 'double' || f.type === 'date');

function asText(name: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const type = isCanonicalField(name) ? CANONICAL_FIELDS[name].type : 'keyword';
  if (typeof value === 'number' && type === 'double') return Number.isInteger(value) && Math.abs(value) < 1e15 ? value.toFixed(1) : String(value);
  return String(value);
}

/** The document for a stored record of a tenant (the tenant given wins over the record's). */
export function documentOf(stored: StoredRecord, tenantId: string): Record<string, unknown> {
  const doc: Record<string, unknown> = { ...stored, tenant_id: tenantId };
  const fields = (typeof stored.fields === 'string' ? JSON.parse(stored.fields) : stored.fields ?? {}) as Record<string, unknown>;
  doc.fields = fields;
  doc.extra = Object.entries(fields).map(([k, raw]) => {
    const v = raw === null || raw === undefined ? '' : String(raw);
    const trimmed = v.trim();
    return isNumeric(trimmed) ? { k, v, n: Number(trimmed) } : { k, v };
  });
  const texts: Record<string, string> = {};
  for (const [name] of NUMERIC_OR_DATE) {
    const text = asText(name, stored[name === '@timestamp' ? 'ts' : name]);
    if (text !== null) texts[name === '@timestamp' ? 'ts' : name] = text;
  }
  doc.as_text = texts;
  return doc;
}

/** Settings and explicit mappings of a log index (also its index template). */
export function indexBody(options: { shards: number; replicas: number }) {
  const keyword = { type: 'keyword' };
  const properties: Record<string, unknown> = { tenant_id: keyword };
  for (const [name, f] of Object.entries(CANONICAL_FIELDS)) {
    const field = name === '@timestamp' ? 'ts' : name;
    switch (f.type) {
      case 'date':
        properties[field] = { type: 'date', format: 'epoch_millis' };
        break;
      case 'long':
        properties[field] = { type: 'long' };
        break;
      case 'double':
        properties[field] = { type: 'double' };
        break;
      case 'text':
        properties[field] = { type: 'text', fields: { raw: { type: 'keyword', ignore_above: MESSAGE_KEYWORD_LIMIT } } };
        break;
      default:
        properties[field] = keyword;
    }
  }
  properties.fields = { type: 'object', enabled: false };
  properties.extra = { type: 'nested', properties: { k: keyword, v: { type: 'keyword', ignore_above: MESSAGE_KEYWORD_LIMIT }, n: { type: 'double' } } };
  properties.as_text = {
    properties: Object.fromEntries(NUMERIC_OR_DATE.map(([name]) => [name === '@timestamp' ? 'ts' : name, keyword])),
  };
  return {
    settings: {
      number_of_shards: options.shards,
      number_of_replicas: options.replicas,
      // Acknowledge a write only after its translog is fsynced (ingest's 2xx means durable).
      'index.translog.durability': 'request',
      // An explicit interval keeps shards out of "search idle", so refresh=wait_for is bounded.
      refresh_interval: '1s',
      // Words are Unicode-aware regexes (see lucene-regex.ts): longer than the default 1000.
      'index.max_regex_length': 200_000,
      'index.max_result_window': 100_000,
    },
    mappings: {
      dynamic: false,
      _source: { excludes: ['extra', 'as_text'] },
      properties,
    },
  };
}
