import * as fs from 'node:fs';
import * as path from 'node:path';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { newId } from '../../platform/ids';
import { normalizeRecord } from '../../logs/normalize/record-normalizer';
import { stampedJson } from '../../logs/stored-record';
import { createParser, detectFormat, ParsedItem } from '../parsers';
import { compiledRule } from '../parsers/create-parser';
import { CompiledRule } from '../parsers/rules/parse-rule';
import { IngestJobOptions, MAX_REPORTED_ERRORS, PreparedChunk } from './ingest-job';
import { InputFormat } from '../../files/file-types';
import { NormalizedRecord } from '../../logs/log-record';
import { maskLine } from '../../patterns/drain-miner';
import { minedLine, PatternCount, PatternKey, patternKeyText } from '../../patterns/pattern-key';
import { PatternStamper } from './pattern-stamper';
import { ChunkMatches, LiveMatchers } from '../../live/live-matches';

/** The record with what `rule` captures from its message laid over it (the message becomes the captured one, if any). */
function withMessageRule(raw: Record<string, unknown>, rule: CompiledRule, now: number): Record<string, unknown> {
  const message = raw.message;
  if (typeof message !== 'string') return raw;
  const captured = rule.match(message, now);
  return captured === null ? raw : { ...raw, ...captured };
}

interface Unstamped {
  record: NormalizedRecord;
  id: string;
  shape: string;
  now: number;
}

/**
 * Turns parsed items into stored JSON lines and counts: the per-record work of ingest,
 * shared by the HTTP path, uploads and the watched folder, in a worker thread or not.
 */
class ChunkBuilder {
  private lines: string[] = [];
  private ids: string[] = [];
  private accepted = 0;
  private oldest = Infinity;
  private rejected = 0;
  private errors: PreparedChunk['errors'] = [];
  /** Records whose line shape this thread has not seen: stamped once the chunk's shapes are resolved. */
  private unstamped: Unstamped[] = [];
  private unseen = new Map<string, PatternKey>();
  private patternCounts = new Map<string | null, PatternCount>();
  /** The chunk's live matches, started at its first record (undefined: none written yet; null: nobody watches). */
  private live: ChunkMatches | null | undefined = undefined;

  constructor(
    private readonly options: IngestJobOptions,
    private readonly keepIds: boolean,
    private readonly patterns: PatternStamper | null,
    private readonly matchers: LiveMatchers | null,
  ) {}

  get size(): number {
    return this.lines.length + this.unstamped.length;
  }

  add(items: ParsedItem[], now: number): void {
    const { tenantId, defaults, timestampField } = this.options;
    const filename = this.options.labelFilename ? this.options.filename : undefined;
    const messageRule = this.options.messageRule ? compiledRule(this.options.messageRule) : null;
    for (const item of items) {
      if ('error' in item) {
        this.reject(item.line, item.error);
        continue;
      }
      const normalized = normalizeRecord(messageRule ? withMessageRule(item.raw, messageRule, now) : item.raw, { now, defaults, timestampField });
      if ('error' in normalized) {
        this.reject(item.line, normalized.error);
        continue;
      }
      const record = normalized.record;
      if (filename !== undefined && record.fields.filename === undefined) record.fields.filename = filename;
      const id = newId(now);
      if (this.keepIds) this.ids.push(id);
      this.accepted++;
      if (record.timestamp < this.oldest) this.oldest = record.timestamp;
      if (!this.patterns) {
        this.write(record, id, now, null);
        continue;
      }
      const line = minedLine(record.message);
      const masked = maskLine(line);
      const known = this.patterns.known(tenantId, record.service, masked);
      if (known !== undefined) {
        this.write(record, id, now, known);
        continue;
      }
      const shape = patternKeyText(record.service, masked);
      this.unstamped.push({ record, id, shape, now });
      if (!this.unseen.has(shape)) this.unseen.set(shape, { service: record.service, masked, sample: line, timestamp: record.timestamp });
    }
  }

  private write(record: NormalizedRecord, id: string, ingestedAt: number, patternId: string | null): void {
    const { tenantId, fileId } = this.options;
    const stamp = { id, tenantId, ingestedAt, fileId, patternId };
    const line = stampedJson(record, stamp);
    this.lines.push(line);
    if (this.live === undefined) this.live = this.matchers?.forChunk(tenantId) ?? null;
    this.live?.add(record, stamp, line);
    const c = this.patternCounts.get(patternId);
    if (c) {
      c.count++;
      if (record.timestamp < c.firstSeen) c.firstSeen = record.timestamp;
      if (record.timestamp > c.lastSeen) c.lastSeen = record.timestamp;
    } else if (patternId !== null) {
      this.patternCounts.set(patternId, { id: patternId, count: 1, firstSeen: record.timestamp, lastSeen: record.timestamp });
    }
  }

  /** Resolves the shapes this thread had not seen and writes the records that waited for them. */
  private async stampUnseen(): Promise<void> {
    if (this.unstamped.length === 0) return;
    const ids = await this.patterns!.learn(this.options.tenantId, this.unseen);
    for (const u of this.unstamped) this.write(u.record, u.id, u.now, ids.get(u.shape) ?? null);
    this.unstamped = [];
    this.unseen = new Map();
  }

  private reject(line: number, reason: string): void {
    this.rejected++;
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ line, reason });
  }

  /** Writes what was added to a new spool file and starts a fresh chunk. */
  async flush(lines: number, bytes: number, format: PreparedChunk['format']): Promise<PreparedChunk> {
    await this.stampUnseen();
    fs.mkdirSync(this.options.spoolDir, { recursive: true });
    const file = path.join(this.options.spoolDir, `${newId()}.ndjson`);
    fs.writeFileSync(file, this.lines.length > 0 ? this.lines.join('\n') + '\n' : '');
    const chunk: PreparedChunk = {
      path: file, format, accepted: this.accepted, rejected: this.rejected, errors: this.errors, lines, bytes, ids: this.ids,
      oldestTimestamp: this.oldest === Infinity ? null : this.oldest, patterns: [...this.patternCounts.values()],
      ...(this.live ? { live: this.live.result() } : {}),
    };
    this.live = undefined;
    this.patternCounts = new Map();
    this.lines = [];
    this.ids = [];
    this.accepted = 0;
    this.oldest = Infinity;
    this.rejected = 0;
    this.errors = [];
    return chunk;
  }
}

function resolveFormat(options: IngestJobOptions, head: string): Exclude<InputFormat, 'auto'> {
  if (options.rule !== undefined) return 'text';
  return options.format === 'auto' ? detectFormat(options.filename, head) : options.format;
}

/** One in-memory body (an HTTP request): parse, normalize, spool. */
export function prepareBody(
  body: string,
  options: IngestJobOptions,
  keepIds = false,
  patterns: PatternStamper | null = null,
  live: LiveMatchers | null = null,
): Promise<PreparedChunk> {
  const now = Date.now();
  const format = resolveFormat(options, body.slice(0, 4096));
  const parser = createParser(format, { delimiter: options.delimiter, now, rule: options.rule });
  const builder = new ChunkBuilder(options, keepIds, patterns, live);
  builder.add(parser.push(body), now);
  builder.add(parser.end(), now);
  return builder.flush(0, Buffer.byteLength(body), format);
}

/**
 * The first chunk of a file is this small, so that its progress and counts show a moment
 * after the upload instead of after a whole chunk (seconds on a large file).
 */
export const FIRST_CHUNK_RECORDS = 2_000;

/**
 * Streams a file from disk in spool chunks of `chunkRecords` (the first one smaller). One chunk may be committing
 * (`onChunk`) while the next is prepared; before a third is started the first must be
 * committed, so memory stays bounded whatever the file size and both stages keep busy.
 */
export async function prepareFile(
  file: string,
  options: IngestJobOptions,
  chunkRecords: number,
  onChunk: (chunk: PreparedChunk) => Promise<void>,
  patterns: PatternStamper | null = null,
  live: LiveMatchers | null = null,
): Promise<void> {
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  const decoder = new StringDecoder('utf8');
  const builder = new ChunkBuilder(options, false, patterns, live);
  let parser: ReturnType<typeof createParser> | null = null;
  let format: PreparedChunk['format'] | undefined;
  let bytes = 0;
  let lines = 0;
  let lastChar = '\n';
  let committing: Promise<void> = Promise.resolve();
  let limit = Math.min(chunkRecords, FIRST_CHUNK_RECORDS);
  const hand = async (chunk: PreparedChunk) => {
    limit = chunkRecords;
    await committing;
    committing = onChunk(chunk);
    // Surface a failed commit right away instead of when the next chunk is ready.
    committing.catch(() => stream.destroy());
  };
  try {
    for await (const buffer of stream as AsyncIterable<Buffer>) {
      bytes += buffer.length;
      const text = decoder.write(buffer);
      lines += countNewlines(text);
      if (text.length > 0) lastChar = text[text.length - 1];
      const now = Date.now();
      format ??= resolveFormat(options, text.slice(0, 4096));
      parser ??= createParser(format, { delimiter: options.delimiter, now, rule: options.rule });
      builder.add(parser.push(text), now);
      if (builder.size >= limit) await hand(await builder.flush(lines, bytes, format));
    }
  } catch (err) {
    await committing; // a failed commit is the cause; report it rather than the aborted read
    throw err;
  }
  const tail = decoder.end();
  const now = Date.now();
  format ??= resolveFormat(options, tail);
  parser ??= createParser(format, { delimiter: options.delimiter, now, rule: options.rule });
  if (tail) builder.add(parser.push(tail), now);
  builder.add(parser.end(), now);
  const unterminated = bytes > 0 && (tail ? !tail.endsWith('\n') : lastChar !== '\n');
  await hand(await builder.flush(lines + (unterminated ? 1 : 0), bytes, format));
  await committing;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
