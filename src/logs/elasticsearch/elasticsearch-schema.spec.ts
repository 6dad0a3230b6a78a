import { dailyIndexName, dayOfIndex, documentOf, FIELD_NUMBERS, FIELD_PAIRS, indexMappings, pairPrefix, pairsEnd, sortableNumber, storedOf } from './elasticsearch-schema';

describe('Elasticsearch document layout', () => {
  it('encodes numbers so that their text order is their numeric order', () => {
    const numbers = [-Infinity, -1e300, -42.5, -1, -0.001, 0, 1e-300, 0.5, 1, 2, 10, 100, 1e15, 1e300, Infinity];
    const encoded = numbers.map(sortableNumber);
    expect([...encoded].sort()).toEqual(encoded);
    expect(sortableNumber(-0)).toBe(sortableNumber(0));
    expect(encoded.every((e) => /^[0-9a-f]{16}$/.test(e))).toBe(true);
  });

  it('keeps the pairs of one key apart from a longer key that starts like it', () => {
    const a = pairPrefix('a');
    const ab = pairPrefix('a=b');
    expect(`${ab}x` >= a && `${ab}x` < pairsEnd('a')).toBe(false);
    expect(`${a}anything` >= a && `${a}anything` < pairsEnd('a')).toBe(true);
  });

  it('turns `fields` into flat key/value arrays, with `@timestamp`, and back', () => {
    const stored = { id: 'r1', ts: 1_700_000_000_000, message: 'm', fields: { duration: ' 12 ', user: 'ann', empty: null } };
    const doc = documentOf(stored, 't1');
    expect(doc['@timestamp']).toBe(1_700_000_000_000);
    expect(doc.ts).toBeUndefined();
    expect(doc.tenant_id).toBe('t1');
    expect(doc[FIELD_PAIRS]).toEqual(['8:duration= 12 ', '4:user=ann', '5:empty=']);
    expect(doc[FIELD_NUMBERS]).toEqual([`8:duration=${sortableNumber(12)}`]);
    const { fields_k: _k, fields_kv: _kv, fields_kn: _kn, as_text: _t, ...source } = doc;
    expect(storedOf(source)).toEqual({ ...stored, tenant_id: 't1' });
  });

  it('names a daily index by the UTC day and reads the day back', () => {
    const ts = Date.UTC(2024, 1, 29, 23, 59, 59, 999);
    expect(dailyIndexName('lognest-logs', ts)).toBe('lognest-logs-2024.02.29');
    expect(dayOfIndex('lognest-logs', 'lognest-logs-2024.02.29')).toBe(Date.UTC(2024, 1, 29));
    expect(dayOfIndex('lognest-logs', 'lognest-logs-old-2024.02.29')).toBeNull();
    expect(dayOfIndex('lognest-logs', 'lognest-logs')).toBeNull();
  });

  it('maps what Kibana reads: @timestamp as a date, message as text with a keyword, no nested fields', () => {
    const { properties, _source } = indexMappings() as { properties: Record<string, { type?: string; fields?: object }>; _source: { excludes: string[] } };
    expect(properties['@timestamp'].type).toBe('date');
    expect(properties.message).toMatchObject({ type: 'text', fields: { raw: { type: 'keyword' } } });
    expect(properties.service.type).toBe('keyword');
    expect(Object.values(properties).some((p) => p.type === 'nested')).toBe(false);
    expect(_source.excludes).toContain(FIELD_PAIRS);
  });
});
