import { CsvParser, detectDelimiter } from './csv-parser';
import { collect, expectSameForEverySplit } from './parser-testing';

const parse = (text: string, delimiter?: string) => collect(new CsvParser({ delimiter }), [text]);

describe('CsvParser', () => {
  it('turns rows into objects keyed by the header, with the line each row starts on', () => {
    expect(parse('timestamp,level,message\n2024-12-10T06:55:46Z,INFO,started\n2024-12-10T06:55:47Z,ERROR,failed\n')).toEqual([
      { line: 2, raw: { timestamp: '2024-12-10T06:55:46Z', level: 'INFO', message: 'started' } },
      { line: 3, raw: { timestamp: '2024-12-10T06:55:47Z', level: 'ERROR', message: 'failed' } },
    ]);
  });

  it('handles quoted fields with delimiters, doubled quotes and embedded newlines', () => {
    const text = 'level,message,service\r\nERROR,"stack:\r\n  at a\r\n  at b",api\r\nINFO,"say ""hi"", then go",web\r\n';
    expect(parse(text)).toEqual([
      { line: 2, raw: { level: 'ERROR', message: 'stack:\r\n  at a\r\n  at b', service: 'api' } },
      { line: 5, raw: { level: 'INFO', message: 'say "hi", then go', service: 'web' } },
    ]);
  });

  it('skips a UTF-8 BOM and counts skipped blank lines', () => {
    expect(parse('\ufeffa,b\n\n1,2\n\n\n3,4')).toEqual([
      { line: 3, raw: { a: '1', b: '2' } },
      { line: 6, raw: { a: '3', b: '4' } },
    ]);
  });

  it('leaves empty cells out of the record', () => {
    expect(parse('a,b,c\n1,,3\n,,z\n')).toEqual([
      { line: 2, raw: { a: '1', c: '3' } },
      { line: 3, raw: { c: 'z' } },
    ]);
  });

  it('reports a row with the wrong number of cells and keeps the others', () => {
    expect(parse('a,b,c\n1,2,3\n1,2\n1,2,3,4\n5,6,7\n')).toEqual([
      { line: 2, raw: { a: '1', b: '2', c: '3' } },
      { line: 3, error: 'expected 3 columns, got 2' },
      { line: 4, error: 'expected 3 columns, got 4' },
      { line: 5, raw: { a: '5', b: '6', c: '7' } },
    ]);
  });

  it('accepts a trailing delimiter and skips rows without any value', () => {
    expect(parse('a,b\n1,2,\n,\n   \n3,4\n')).toEqual([
      { line: 2, raw: { a: '1', b: '2' } },
      { line: 5, raw: { a: '3', b: '4' } },
    ]);
  });

  it.each([
    ['semicolons', 'ts;level;msg\n1;INFO;a,b\n', ';'],
    ['tabs', 'ts\tlevel\tmsg\n1\tINFO\ta,b\n', '\t'],
  ])('detects %s from the header line', (_name, text) => {
    expect(parse(text)).toEqual([{ line: 2, raw: { ts: '1', level: 'INFO', msg: 'a,b' } }]);
  });

  it('uses the delimiter it is given, including a written-out tab', () => {
    expect(parse('a;b,c\n1;2,3\n', ',')).toEqual([{ line: 2, raw: { 'a;b': '1;2', c: '3' } }]);
    expect(parse('a\tb\n1\t2\n', '\\t')).toEqual([{ line: 2, raw: { a: '1', b: '2' } }]);
  });

  it('names empty header cells and trims header names', () => {
    expect(parse(' a ,,c\n1,2,3\n')).toEqual([{ line: 2, raw: { a: '1', column_2: '2', c: '3' } }]);
  });

  it('gives the same items wherever the chunks are cut', () => {
    const text = '\ufefftime;msg;n\r\n1;"x;\r\ny ""q""";2\r\n\r\n3;é ✓;4\r\n5;6\r\n7;"";8';
    const items = expectSameForEverySplit(() => new CsvParser(), text);
    expect(items).toEqual([
      { line: 2, raw: { time: '1', msg: 'x;\r\ny "q"', n: '2' } },
      { line: 5, raw: { time: '3', msg: 'é ✓', n: '4' } },
      { line: 6, error: 'expected 3 columns, got 2' },
      { line: 7, raw: { time: '7', n: '8' } },
    ]);
  });

  it('reports an unclosed quote at the line where the broken record starts', () => {
    expect(parse('a,b\n1,2\n3,"never closed\n4,5\n')).toEqual([
      { line: 2, raw: { a: '1', b: '2' } },
      { line: 3, error: 'unclosed quote: the record runs to the end of the input' },
    ]);
  });

  it('stops with an error when a record grows past 1 MiB', () => {
    const parser = new CsvParser();
    const out = [...parser.push('a,b\n1,"')];
    for (let i = 0; i < 20; i++) out.push(...parser.push('z'.repeat(64 * 1024)));
    out.push(...parser.push('"\n2,3\n'), ...parser.end());
    expect(out).toEqual([{ line: 2, error: 'record exceeds 1 MiB (unclosed quote?); the rest of the input was not read' }]);
  });

  it('keeps a `__proto__` column as an ordinary key', () => {
    const [item] = parse('__proto__,b\nx,y\n');
    expect(Object.keys((item as { raw: object }).raw)).toEqual(['__proto__', 'b']);
  });

  it('returns nothing for empty input or a header alone', () => {
    expect(parse('')).toEqual([]);
    expect(parse('a,b,c')).toEqual([]);
    expect(parse('a,b,c\n')).toEqual([]);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c', ','],
    ['a;b;c', ';'],
    ['a\tb\tc', '\t'],
    ['"x;y",b,c', ','],
    ['single', ','],
    ['a;b,c;d', ';'],
  ])('%j → %j', (line, expected) => {
    expect(detectDelimiter(line)).toBe(expected);
  });
});
