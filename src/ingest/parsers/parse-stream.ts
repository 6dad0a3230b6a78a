// Drives a parser over a byte or text stream: UTF-8 is decoded with a StringDecoder, so a
// character split across two chunks is not corrupted, and items come out in one batch per chunk.

import { StringDecoder } from 'node:string_decoder';
import { createParser } from './create-parser';
import { InputFormat, ParsedItem, ParserOptions } from './parsed-item';

export async function* parseStream(
  source: AsyncIterable<Buffer | string>,
  format: InputFormat,
  options: ParserOptions,
): AsyncGenerator<ParsedItem[]> {
  const parser = createParser(format, options);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? decoder.end() + chunk : decoder.write(chunk);
    const items = parser.push(text);
    if (items.length > 0) yield items;
  }
  const items = parser.push(decoder.end());
  for (const item of parser.end()) items.push(item);
  if (items.length > 0) yield items;
}
