export { createParser, detectFormat } from './create-parser';
export { CsvParser, detectDelimiter } from './csv-parser';
export { JsonArrayParser } from './json-array-parser';
export { NdjsonParser } from './ndjson-parser';
export { MAX_RECORD_BYTES } from './parsed-item';
export type { InputFormat, LogParser, ParsedItem, ParserOptions } from './parsed-item';
export { TextParser } from './text-parser';
