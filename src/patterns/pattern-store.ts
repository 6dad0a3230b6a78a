/**
 * A log pattern as kept between restarts: its template (masked tokens joined by spaces, `<*>`
 * where lines differ), one line it was made from, and how many stored records carry its id.
 * `revision` is the service's publish revision at which the template last changed (0: never
 * published, e.g. a catch-all).
 */
export interface PatternTemplate {
  tenantId: string;
  id: string;
  service: string | null;
  template: string;
  sample: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  revision: number;
}

/**
 * What one save tells the store about a pattern: the records counted since the last save
 * (`count` is added; `firstSeen`/`lastSeen` only widen the range), and its template and
 * sample, used only when the pattern is not stored yet.
 */
export type PatternChange = Omit<PatternTemplate, 'tenantId' | 'revision'>;

/** A template made or generalized by a miner, published for every process (no counts). */
export type PatternDraft = Omit<PatternTemplate, 'tenantId' | 'service' | 'count' | 'revision'>;

/**
 * The templates the ingest-time miners have made (docs/decisions/0060, 0135). Every call is
 * confined to one tenant. Counts are upserts that add up, so two processes saving the same
 * pattern do not overwrite each other's counts. The miners' structure (new and generalized
 * templates) changes only through `publish`, a compare-and-set on the service's revision:
 * processes sharing one metadata store publish in one order, and one that lost a race
 * reads what was published (`published`) and mines the line again against it, so the same
 * template gets one id whichever process saw it first.
 */
export abstract class PatternStore {
  /** Every template of a tenant, in no particular order. */
  abstract list(tenantId: string): Promise<PatternTemplate[]>;
  /** The templates of a tenant with these ids (unknown ids are left out). */
  abstract get(tenantId: string, ids: readonly string[]): Promise<PatternTemplate[]>;
  /** Creates the patterns not yet stored (revision 0); for the others adds count and widens the seen range. */
  abstract save(tenantId: string, changes: readonly PatternChange[]): Promise<void>;
  /**
   * Publishes drafts of one service as its revision `expected + 1` when its revision is still
   * `expected` (new ones with count 0; known ones get the draft's template); false, writing
   * nothing, when another publish came first.
   */
  abstract publish(tenantId: string, service: string | null, expected: number, drafts: readonly PatternDraft[]): Promise<boolean>;
  /** The service's current revision and the templates published after `after`, their latest text. */
  abstract published(tenantId: string, service: string | null, after: number): Promise<{ revision: number; templates: PatternTemplate[] }>;
}
