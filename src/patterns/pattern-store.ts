/**
 * A log pattern as kept between restarts: its template (masked tokens joined by spaces, `<*>`
 * where lines differ), one line it was made from, and how many stored records carry its id.
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
}

/**
 * What one save tells the store about a pattern: its template as it is now, and the records
 * counted since the last save (`count` is added; `firstSeen`/`lastSeen` only widen the range).
 */
export type PatternChange = Omit<PatternTemplate, 'tenantId'>;

/**
 * The templates the ingest-time miner has made (docs/decisions/0060). Every call is confined
 * to one tenant. Small on purpose: reads of every template of a tenant (to rebuild its
 * miners) or of some by id, and one upsert that adds counts, so two processes saving the
 * same pattern add up instead of overwriting each other's counts.
 */
export abstract class PatternStore {
  /** Every template of a tenant, in no particular order. */
  abstract list(tenantId: string): Promise<PatternTemplate[]>;
  /** The templates of a tenant with these ids (unknown ids are left out). */
  abstract get(tenantId: string, ids: readonly string[]): Promise<PatternTemplate[]>;
  /** Creates the patterns not yet stored; for the others, replaces template, adds count, widens the seen range. */
  abstract save(tenantId: string, changes: readonly PatternChange[]): Promise<void>;
}
