import { createParser, detectFormat } from './create-parser';
import { collect } from './parser-testing';

const NOW = Date.UTC(2024, 11, 10, 12);

describe('detectFormat', () => {
  it.each([
    ['app.ndjson', '', 'ndjson'],
    ['app.JSONL', '', 'ndjson'],
    ['dump.json', '[{"a":1}]', 'json'],
    ['dump.json', '{\n  "a": 1\n}', 'json'],
    ['lines.json', '{"a":1}\n{"a":2}\n', 'ndjson'],
    ['data.csv', 'anything', 'csv'],
    ['data.tsv', 'anything', 'csv'],
    ['server.log', '{"a":1}', 'text'],
    ['notes.txt', 'a,b,c', 'text'],
  ])('%s → %s by extension', (name, head, expected) => {
    expect(detectFormat(name, head)).toBe(expected);
  });

  it.each([
    ['\ufeff  [\n  {"a": 1}', 'json'],
    ['[]', 'json'],
    ['{"msg":"x"}\n{"msg":"y"}', 'ndjson'],
    ['{"msg":"a very long first line cut by the sample', 'ndjson'],
    ['{\n "msg": "pretty"\n}', 'json'],
    ['timestamp,level,message\n2024-12-10,INFO,x\n', 'csv'],
    ['ts;level;"Response Time"\n1;INFO;3\n', 'csv'],
    ['ts\tlevel\n1\tINFO', 'csv'],
    ['[Sun Dec 04 04:47:44 2005] [error] x', 'text'],
    ['[2024-12-10T06:55:46Z] hi', 'text'],
    ['2024-12-10 06:55:46,123 INFO a, b, c', 'text'],
    ['Error: something went wrong, retrying\nAnother line without delimiters\n', 'text'],
    ['just some words\n', 'text'],
    ['', 'text'],
  ])('sniffs %j as %s', (head, expected) => {
    expect(detectFormat(undefined, head)).toBe(expected);
  });
});

describe('createParser', () => {
  it('builds a working parser for each format', () => {
    expect(collect(createParser('ndjson', { now: NOW }), ['{"a":1}\n'])).toEqual([{ line: 1, raw: { a: 1 } }]);
    expect(collect(createParser('json', { now: NOW }), ['[{"a":1}]'])).toEqual([{ line: 1, raw: { a: 1 } }]);
    expect(collect(createParser('csv', { now: NOW, delimiter: '|' }), ['a|b\n1|2\n'])).toEqual([{ line: 2, raw: { a: '1', b: '2' } }]);
    expect(collect(createParser('text', { now: NOW }), ['Dec 10 06:55:46 x'])).toEqual([
      { line: 1, raw: { timestamp: Date.UTC(2024, 11, 10, 6, 55, 46), message: 'x' } },
    ]);
  });

  it('refuses an unknown format', () => {
    expect(() => createParser('xml' as never, { now: NOW })).toThrow('unknown input format: xml');
  });
});
