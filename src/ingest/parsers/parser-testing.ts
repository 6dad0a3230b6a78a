// Helpers for parser specs: run a parser over chunks and check that where the chunk
// boundaries fall never changes the result.

import { LogParser, ParsedItem } from './parsed-item';

export function collect(parser: LogParser, chunks: string[]): ParsedItem[] {
  const items: ParsedItem[] = [];
  for (const chunk of chunks) items.push(...parser.push(chunk));
  items.push(...parser.end());
  return items;
}

/** The input cut into two chunks at every position, and into single characters. */
export function splits(text: string): string[][] {
  const out: string[][] = [];
  for (let i = 0; i <= text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  out.push([...text]);
  return out;
}

export function expectSameForEverySplit(makeParser: () => LogParser, text: string): ParsedItem[] {
  const whole = collect(makeParser(), [text]);
  for (const chunks of splits(text)) {
    const got = collect(makeParser(), chunks);
    if (JSON.stringify(got) !== JSON.stringify(whole)) {
      throw new Error(`chunks ${JSON.stringify(chunks.slice(0, 3))}... gave ${JSON.stringify(got)}, whole input gave ${JSON.stringify(whole)}`);
    }
  }
  return whole;
}

export function rawOf(item: ParsedItem): Record<string, unknown> {
  if (!('raw' in item)) throw new Error(`expected a record, got error "${item.error}" at line ${item.line}`);
  return item.raw;
}
