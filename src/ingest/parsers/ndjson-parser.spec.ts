import { NdjsonParser } from './ndjson-parser';
import { MAX_RECORD_BYTES } from './parsed-item';
import { collect, expectSameForEverySplit, rawOf } from './parser-testing';

describe('NdjsonParser', () => {
  it('parses one object per line with 1-based line numbers, skipping blank lines', () => {
    const items = collect(new NdjsonParser(), ['{"a":1}\n\n   \n{"b":"x"}\r\n{"c":[1,2]}']);
    expect(items).toEqual([
      { line: 1, raw: { a: 1 } },
      { line: 4, raw: { b: 'x' } },
      { line: 5, raw: { c: [1, 2] } },
    ]);
  });

  it("reports a line that is not JSON with JSON.parse's reason and keeps going", () => {
    const items = collect(new NdjsonParser(), ['{"a":1}\n{"a":\n{"a":3}\n']);
    expect(items[0]).toEqual({ line: 1, raw: { a: 1 } });
    expect(items[1]).toMatchObject({ line: 2 });
    expect((items[1] as { error: string }).error).toMatch(/^invalid JSON: .*JSON/);
    expect(items[2]).toEqual({ line: 3, raw: { a: 3 } });
  });

  it.each(['[1,2]', '"text"', '42', 'null', 'true'])('rejects the non-object line %s', (line) => {
    expect(collect(new NdjsonParser(), [`${line}\n`])).toEqual([{ line: 1, error: 'line is not a JSON object' }]);
  });

  it('gives the same items wherever the chunks are cut', () => {
    const text = '\ufeff{"msg":"é ü ✓ \\n","n":1}\r\n\n{"a":"b"}\nbad\n{"x":{"y":[1,{"z":2}]}}';
    const items = expectSameForEverySplit(() => new NdjsonParser(), text);
    expect(items.map((item) => item.line)).toEqual([1, 3, 4, 5]);
  });

  it('strips a UTF-8 BOM at the start only', () => {
    expect(collect(new NdjsonParser(), ['\ufeff{"a":1}\n'])).toEqual([{ line: 1, raw: { a: 1 } }]);
  });

  it('reports a line over 1 MiB as soon as it overflows, without waiting for its end', () => {
    const parser = new NdjsonParser();
    expect(parser.push('{"a":1}\n{"big":"')).toEqual([{ line: 1, raw: { a: 1 } }]);
    const chunk = 'x'.repeat(64 * 1024);
    const reported = [];
    for (let sent = 0; sent <= MAX_RECORD_BYTES; sent += chunk.length) reported.push(...parser.push(chunk));
    expect(reported).toEqual([{ line: 2, error: 'line exceeds 1 MiB' }]);
    // More of the same line is skipped silently; the next line parses with the right number.
    expect(parser.push(chunk)).toEqual([]);
    expect(parser.push(`${chunk}"}\n{"b":2}\n`)).toEqual([{ line: 3, raw: { b: 2 } }]);
    expect(parser.end()).toEqual([]);
  });

  it('measures the limit in UTF-8 bytes, not characters', () => {
    const euros = '€'.repeat(Math.ceil(MAX_RECORD_BYTES / 3) + 10); // ~350k chars, > 1 MiB in UTF-8
    const items = collect(new NdjsonParser(), [`{"m":"${euros}"}\n{"ok":true}`]);
    expect(items).toEqual([
      { line: 1, error: 'line exceeds 1 MiB' },
      { line: 2, raw: { ok: true } },
    ]);
  });

  it('accepts a line just under the limit', () => {
    const value = 'y'.repeat(MAX_RECORD_BYTES - 20);
    const items = collect(new NdjsonParser(), [`{"m":"${value}"}\n`]);
    expect(items).toHaveLength(1);
    expect(rawOf(items[0]).m).toBe(value);
  });

  it('returns nothing for empty input and a fresh array from each call', () => {
    const parser = new NdjsonParser();
    const first = parser.push('');
    parser.push('{"a":1}');
    expect(first).toEqual([]);
    expect(parser.end()).toEqual([{ line: 1, raw: { a: 1 } }]);
  });
});
