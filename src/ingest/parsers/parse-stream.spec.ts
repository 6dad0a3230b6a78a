import { Readable } from 'node:stream';
import { ParsedItem } from './parsed-item';
import { parseStream } from './parse-stream';

const NOW = Date.UTC(2024, 11, 10, 12);

async function batches(source: AsyncIterable<Buffer | string>, format: 'ndjson' | 'csv' | 'text' | 'json') {
  const out: ParsedItem[][] = [];
  for await (const batch of parseStream(source, format, { now: NOW })) out.push(batch);
  return out;
}

async function* from(chunks: (Buffer | string)[]): AsyncGenerator<Buffer | string> {
  for (const chunk of chunks) yield chunk;
}

describe('parseStream', () => {
  it('decodes UTF-8 characters split across chunk boundaries', async () => {
    const bytes = Buffer.from('{"m":"héllo ✓ 😀"}\n{"m":"ü"}\n', 'utf8');
    // Cut every byte apart, so each multi-byte character is split.
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    const items = (await batches(from(chunks), 'ndjson')).flat();
    expect(items).toEqual([
      { line: 1, raw: { m: 'héllo ✓ 😀' } },
      { line: 2, raw: { m: 'ü' } },
    ]);
  });

  it('yields one batch per chunk that completed records, then the rest at the end', async () => {
    const result = await batches(from(['{"a":1}\n{"a":2}\n{"a"', ':3}\n{"a":4}']), 'ndjson');
    expect(result).toEqual([
      [{ line: 1, raw: { a: 1 } }, { line: 2, raw: { a: 2 } }],
      [{ line: 3, raw: { a: 3 } }],
      [{ line: 4, raw: { a: 4 } }],
    ]);
  });

  it('reads a Node stream of a CSV file with a BOM', async () => {
    const source = Readable.from([Buffer.from([0xef, 0xbb]), Buffer.from([0xbf]), Buffer.from('a;b\n1;2\n3;4')]);
    expect((await batches(source, 'csv')).flat()).toEqual([
      { line: 2, raw: { a: '1', b: '2' } },
      { line: 3, raw: { a: '3', b: '4' } },
    ]);
  });

  it('yields nothing for an empty source', async () => {
    expect(await batches(from([]), 'text')).toEqual([]);
  });
});
