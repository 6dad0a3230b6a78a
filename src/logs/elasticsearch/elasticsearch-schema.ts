// How records are laid out in Elasticsearch (docs/decisions/0105). A document is the stored
// shape of a record (stored-record.ts: canonical wire names, `fields` as an object) with
// `@timestamp` for `ts` (what Kibana and logsdb expect), plus indexed-only parts kept out of
// `_source`:
// - `fields_k` / `fields_kv` / `fields_kn`: the keys of `fields`, `<key>=<value>` pairs and
//   `<key>=<sortable number>` pairs (when the value is a number), flat keyword arrays, so any
//   key is searchable without a mapping per key and without hidden nested documents (which
//   made 500k records into 745k Lucene documents);
// - `as_text`: numbers and dates as DuckDB casts them to text (a DOUBLE 300 is `300.0`), for
//   wildcards, regexes and term buckets over them.
import { CANONICAL_FIELDS, CanonicalFieldName, isCanonicalField } from '../log-record';
import { isNumeric } from '../query/query-values';
import { StoredRecord } from '../stored-record';

/** The longest message (in UTF-16 units) still matched by regexes over its keyword. */
export const MESSAGE_KEYWORD_LIMIT = 8191;
/** Keys are short; a `<key>=<value>` pair keeps values up to the message limit for keys this long. */
const KEY_ALLOWANCE = 1000;

export const TIMESTAMP_FIELD = '@timestamp';
export const FIELD_KEYS = 'fields_k';
export const FIELD_PAIRS = 'fields_kv';
export const FIELD_NUMBERS = 'fields_kn';

/** The document field that holds a canonical field. */
export function docField(name: CanonicalFieldName): string {
  if (name === 'message') return 'message.raw';
  return name;
}

/** The `as_text` key of a numeric or date field. */
function textKey(name: string): string {
  return name === '@timestamp' ? 'ts' : name;
}

/** A keyword document field holding a field's value as text, for buckets, wildcards and regexes. */
export function textField(name: CanonicalFieldName): string {
  const type = CANONICAL_FIELDS[name].type;
  if (type === 'long' || type === 'double' || type === 'date') return `as_text.${textKey(name)}`;
  return docField(name);
}

/** What every pair of a key starts with: its length first, so no key is a prefix of another's pairs. */
export function pairPrefix(key: string): string {
  return `${key.length}:${key}=`;
}

/** A bound above every pair of a key (`=` + 1 is `>`). */
export function pairsEnd(key: string): string {
  return `${key.length}:${key}>`;
}

/**
 * A double as 16 hex digits whose byte order is the numeric order: the IEEE 754 bits with
 * the sign bit flipped for positives and every bit flipped for negatives.
 */
export function sortableNumber(n: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n === 0 ? 0 : n);
  let bits = view.getBigUint64(0);
  bits = bits >> 63n === 1n ? ~bits & 0xffffffffffffffffn : bits | (1n << 63n);
  return bits.toString(16).padStart(16, '0');
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
  const { ts, ...rest } = stored;
  const doc: Record<string, unknown> = { [TIMESTAMP_FIELD]: ts, ...rest, tenant_id: tenantId };
  const fields = (typeof stored.fields === 'string' ? JSON.parse(stored.fields) : stored.fields ?? {}) as Record<string, unknown>;
  doc.fields = fields;
  const keys = Object.keys(fields);
  if (keys.length > 0) {
    const pairs: string[] = [];
    const numbers: string[] = [];
    for (const k of keys) {
      const raw = fields[k];
      const v = raw === null || raw === undefined ? '' : String(raw);
      pairs.push(pairPrefix(k) + v);
      const trimmed = v.trim();
      if (isNumeric(trimmed) && !Number.isNaN(Number(trimmed))) numbers.push(pairPrefix(k) + sortableNumber(Number(trimmed)));
    }
    doc[FIELD_KEYS] = keys;
    doc[FIELD_PAIRS] = pairs;
    if (numbers.length > 0) doc[FIELD_NUMBERS] = numbers;
  }
  const texts: Record<string, string> = {};
  for (const [name] of NUMERIC_OR_DATE) {
    const text = asText(name, stored[name === '@timestamp' ? 'ts' : name]);
    if (text !== null) texts[textKey(name)] = text;
  }
  doc.as_text = texts;
  return doc;
}

/** The stored shape of a document's `_source` (the inverse of documentOf). */
export function storedOf(source: Record<string, unknown>): StoredRecord {
  const { [TIMESTAMP_FIELD]: ts, ...rest } = source;
  return { ...rest, ts };
}

/** The name of the daily index holding a timestamp's records. */
export function dailyIndexName(prefix: string, ts: number): string {
  const d = new Date(Number.isFinite(ts) ? ts : 0);
  const year = Math.min(9999, Math.max(0, d.getUTCFullYear()));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${prefix}-${String(year).padStart(4, '0')}.${pad(d.getUTCMonth() + 1)}.${pad(d.getUTCDate())}`;
}

/** The first millisecond of the day a daily index holds, or null when the name is not a day of the prefix. */
export function dayOfIndex(prefix: string, index: string): number | null {
  const m = /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(index.startsWith(`${prefix}-`) ? index.slice(prefix.length + 1) : '');
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** The explicit mappings of a log index. */
export function indexMappings() {
  const keyword = { type: 'keyword' };
  const properties: Record<string, unknown> = { tenant_id: keyword };
  for (const [name, f] of Object.entries(CANONICAL_FIELDS)) {
    switch (f.type) {
      case 'date':
        properties[name] = { type: 'date', format: 'epoch_millis' };
        break;
      case 'long':
        properties[name] = { type: 'long' };
        break;
      case 'double':
        properties[name] = { type: 'double' };
        break;
      case 'text':
        properties[name] = { type: 'text', fields: { raw: { type: 'keyword', ignore_above: MESSAGE_KEYWORD_LIMIT } } };
        break;
      default:
        properties[name] = keyword;
    }
  }
  properties.fields = { type: 'object', enabled: false };
  properties[FIELD_KEYS] = keyword;
  properties[FIELD_PAIRS] = { type: 'keyword', ignore_above: MESSAGE_KEYWORD_LIMIT + KEY_ALLOWANCE };
  properties[FIELD_NUMBERS] = keyword;
  properties.as_text = { properties: Object.fromEntries(NUMERIC_OR_DATE.map(([name]) => [textKey(name), keyword])) };
  return {
    dynamic: false,
    _source: { excludes: [FIELD_KEYS, FIELD_PAIRS, FIELD_NUMBERS, 'as_text'] },
    properties,
  };
}

/** Settings of a daily index; `logsdb` adds the index mode (with a stored `_source`: records come back as written). */
export function indexSettings(options: { shards: number; replicas: number; logsdb: boolean }) {
  return {
    number_of_shards: options.shards,
    number_of_replicas: options.replicas,
    // Acknowledge a write only after its translog is fsynced (ingest's 2xx means durable).
    'index.translog.durability': 'request',
    // Visible to search within a second; an explicit interval keeps shards out of "search idle".
    refresh_interval: '1s',
    // Words are Unicode-aware regexes (see lucene-regex.ts): longer than the default 1000.
    'index.max_regex_length': 200_000,
    'index.max_result_window': 100_000,
    ...(options.logsdb ? { 'index.mode': 'logsdb', 'index.mapping.source.mode': 'stored' } : {}),
  };
}
