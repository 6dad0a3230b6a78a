import { JsonArrayParser } from './json-array-parser';
import { MAX_RECORD_BYTES } from './parsed-item';
import { collect, expectSameForEverySplit } from './parser-testing';

const parse = (...chunks: string[]) => collect(new JsonArrayParser(), chunks);

describe('JsonArrayParser', () => {
  it('yields each element of a pretty-printed array with the line where it starts', () => {
    const text = '[\n  {\n    "a": 1\n  },\n  {"b": 2}, {"c": 3}\n]\n';
    expect(parse(text)).toEqual([
      { line: 2, raw: { a: 1 } },
      { line: 5, raw: { b: 2 } },
      { line: 5, raw: { c: 3 } },
    ]);
  });

  it('is not fooled by brackets, commas, quotes and backslashes inside strings', () => {
    const text = '[{"s":"a,]}[{\\"q\\" \\\\"},{"t":"\\\\\\\\","u":"x\\\\\\""},{"v":"line1\\nline2 ✓"}]';
    expect(parse(text)).toEqual([
      { line: 1, raw: { s: 'a,]}[{"q" \\' } },
      { line: 1, raw: { t: '\\\\', u: 'x\\"' } },
      { line: 1, raw: { v: 'line1\nline2 ✓' } },
    ]);
  });

  it('gives the same items wherever the chunks are cut', () => {
    const text = '\ufeff[\n{"a":"]\\\\"},\n {"b":{"c":[1,"}"]}} ,\n\n{"d":"\\""},\n 7,\n {bad}\n]';
    const items = expectSameForEverySplit(() => new JsonArrayParser(), text);
    expect(items.map((item) => item.line)).toEqual([2, 3, 5, 6, 7]);
    expect(items[3]).toEqual({ line: 6, error: 'array element is not a JSON object' });
    expect((items[4] as { error: string }).error).toMatch(/^invalid JSON: /);
  });

  it('accepts a single top-level object', () => {
    expect(parse('\n{\n  "message": "one",\n  "n": {"x": 1}\n}\n')).toEqual([{ line: 2, raw: { message: 'one', n: { x: 1 } } }]);
  });

  it('reads several top-level values in a row (concatenated JSON, NDJSON content)', () => {
    expect(parse('{"a":1}\n{"b":2}\n[{"c":3}]')).toEqual([
      { line: 1, raw: { a: 1 } },
      { line: 2, raw: { b: 2 } },
      { line: 3, raw: { c: 3 } },
    ]);
  });

  it('returns nothing for an empty array or empty input and tolerates a trailing comma', () => {
    expect(parse('[ ]')).toEqual([]);
    expect(parse('')).toEqual([]);
    expect(parse('  \n ')).toEqual([]);
    expect(parse('[{"a":1},\n]')).toEqual([{ line: 1, raw: { a: 1 } }]);
  });

  it('keeps the last complete element of an array whose closing bracket never came', () => {
    expect(parse('[{"a":1},\n{"b":2}\n')).toEqual([
      { line: 1, raw: { a: 1 } },
      { line: 2, raw: { b: 2 } },
    ]);
  });

  it('reports an element cut off by the end of the input', () => {
    expect(parse('[{"a":1},\n{"b":"unterminated')).toEqual([
      { line: 1, raw: { a: 1 } },
      { line: 2, error: 'unexpected end of input inside a JSON value' },
    ]);
    expect(parse('{"a": {"b": 1}')).toEqual([{ line: 1, error: 'unexpected end of input inside a JSON value' }]);
  });

  it('reports text that is not JSON once and stops', () => {
    expect(parse('hello world\n[{"a":1}]')).toEqual([{ line: 1, error: 'expected a JSON array or object' }]);
    expect(parse('[{"a":1}]\nTRAILER\n{"b":2}')).toEqual([
      { line: 1, raw: { a: 1 } },
      { line: 2, error: 'unexpected text after the JSON value' },
    ]);
  });

  it('reports an element over 1 MiB when it overflows, drops its text, and reads on', () => {
    const parser = new JsonArrayParser();
    const out = [...parser.push('[{"a":1},\n{"big":"')];
    const chunk = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 5; i++) out.push(...parser.push(chunk));
    expect(out).toEqual([
      { line: 1, raw: { a: 1 } },
      { line: 2, error: 'record exceeds 1 MiB' },
    ]);
    out.push(...parser.push('", "s": "]"},\n{"c":3}]'));
    out.push(...parser.end());
    expect(out.slice(2)).toEqual([{ line: 3, raw: { c: 3 } }]);
  });

  it('measures a completed element in UTF-8 bytes', () => {
    const euros = '€'.repeat(Math.ceil(MAX_RECORD_BYTES / 3) + 10);
    expect(parse(`[{"m":"${euros}"},{"ok":1}]`)).toEqual([
      { line: 1, error: 'record exceeds 1 MiB' },
      { line: 1, raw: { ok: 1 } },
    ]);
  });
});
