import { LEVELS, LogRecord, NormalizedRecord } from '../logs/log-record';
import { RecordPredicate } from '../logs/query/record-predicate';
import { apiJsonOfStored, RecordStamp } from '../logs/stored-record';
import { compileLiveFilter } from './live-filter';
import { ServiceIndex } from './service-index';

/** The live filters of one tenant's subscribers in this process, as the tailer last filed them. */
export interface LiveSelectors {
  tenantId: string;
  /** The tenant's generation (TenantSubscribers): bumped on every change of its subscribers. */
  generation: number;
  /** Subscribers with a filter, by key, with the filter keys they set; null: nobody watches the tenant any more. */
  subscribers: { key: number; input: Record<string, unknown> }[] | null;
}

/** A record some subscriber's filter matched, serialized as live clients get it (a LiveEntry). */
export interface MatchedEntry {
  /** Its place among the chunk's records (its spool line). */
  line: number;
  id: string;
  json: string;
  /** The keys of the subscribers whose filter it matches. */
  keys: number[];
}

/**
 * What the records of one spool chunk matched, worked out by the thread that prepared them,
 * so the tailer neither parses the spool file nor runs a predicate for the subscribers the
 * matches cover (docs/decisions/0151).
 */
export interface LiveMatches {
  /** The generation of the selectors the records were matched against. */
  generation: number;
  /** Each record's level, as its index in LEVELS, in spool order (the live metrics). */
  levels: Uint8Array;
  /** In spool order. */
  entries: MatchedEntry[];
}

const LEVEL_CODE = new Map<string, number>(LEVELS.map((level, i) => [level, i]));

/** One subscriber's filter compiled where records are prepared. */
interface Selector {
  key: number;
  /** The input it was compiled from, as JSON: a selector that did not change is not compiled again. */
  text: string;
  matches: RecordPredicate;
  services: ReadonlySet<string> | null;
}

class TenantMatcher {
  private readonly index = new ServiceIndex<Selector>();

  constructor(
    readonly generation: number,
    readonly selectors: Map<number, Selector>,
  ) {
    for (const s of selectors.values()) this.index.file(s, s.services);
  }

  /** The keys of the subscribers whose filter matches `record`; null when none does. */
  match(record: LogRecord): number[] | null {
    let keys: number[] | null = null;
    this.index.forCandidates(record, (s) => {
      if (s.matches(record)) (keys ??= []).push(s.key);
    });
    return keys;
  }
}

/** One chunk's matches, collected record by record as the chunk is written. */
export class ChunkMatches {
  private readonly levels: number[] = [];
  private readonly entries: MatchedEntry[] = [];

  constructor(
    private readonly matcher: TenantMatcher,
    private readonly tenantId: string,
  ) {}

  /** `line`: the record's stored JSON (stampedJson of `record` and `stamp`). */
  add(record: NormalizedRecord, stamp: RecordStamp, line: string): void {
    const index = this.levels.length;
    this.levels.push(LEVEL_CODE.get(record.level) ?? LEVEL_CODE.get('INFO')!);
    // The normalized record becomes the LogRecord the stores would give back (it is not used after).
    const view = record as LogRecord;
    view.id = stamp.id;
    view.tenantId = this.tenantId;
    view.ingestedAt = stamp.ingestedAt;
    view.fileId = stamp.fileId;
    view.patternId = stamp.patternId;
    const keys = this.matcher.match(view);
    if (keys !== null) this.entries.push({ line: index, id: stamp.id, json: apiJsonOfStored(line, stamp, record.timestamp), keys });
  }

  result(): LiveMatches {
    return { generation: this.matcher.generation, levels: Uint8Array.from(this.levels), entries: this.entries };
  }
}

/**
 * The live selectors of every watched tenant, compiled, in a thread that prepares records
 * (an ingest worker, or the main thread with the inline runner). A chunk is matched against
 * the selectors its tenant had when its first record was written.
 */
export class LiveMatchers {
  private readonly byTenant = new Map<string, TenantMatcher>();

  set(selectors: LiveSelectors): void {
    const { tenantId, generation, subscribers } = selectors;
    if (subscribers === null) return void this.byTenant.delete(tenantId);
    const previous = this.byTenant.get(tenantId);
    if (previous && previous.generation > generation) return;
    try {
      const compiled = new Map<number, Selector>();
      for (const { key, input } of subscribers) {
        const text = JSON.stringify(input);
        const same = previous?.selectors.get(key);
        if (same?.text === text) compiled.set(key, same);
        else {
          const { matches, services } = compileLiveFilter(tenantId, input);
          compiled.set(key, { key, text, matches, services });
        }
      }
      this.byTenant.set(tenantId, new TenantMatcher(generation, compiled));
    } catch {
      // The tailer compiled these filters; if one fails here, the tenant's chunks go unmatched and the tailer matches their records itself.
      this.byTenant.delete(tenantId);
    }
  }

  /** A collector for a chunk of the tenant's records; null when nobody watches the tenant. */
  forChunk(tenantId: string): ChunkMatches | null {
    const matcher = this.byTenant.get(tenantId);
    return matcher ? new ChunkMatches(matcher, tenantId) : null;
  }
}
