import { PatternKey } from '../../patterns/pattern-key';

/** Asks the process's PatternAssigner for the ids of shapes this thread has not seen. */
export type PatternResolve = (tenantId: string, keys: PatternKey[]) => Promise<string[]>;

/** Shapes remembered by one thread; emptied when it grows past this. */
const MAX_SHAPES = 50_000;

/**
 * The per-thread side of pattern assignment at ingest (docs/decisions/0060): a line is masked
 * (one regex scan) and looked up by service and shape; only unseen shapes are resolved, once
 * per chunk, through `resolve`. An id once given to a shape never changes, so the memo needs
 * no invalidation.
 */
export class PatternStamper {
  /** tenant → service → masked line → pattern id. */
  private readonly shapes = new Map<string, Map<string | null, Map<string, string>>>();
  private size = 0;

  constructor(private readonly resolve: PatternResolve) {}

  /** The id this thread knows for a masked line of a service, if any. */
  known(tenantId: string, service: string | null, masked: string): string | undefined {
    return this.shapes.get(tenantId)?.get(service)?.get(masked);
  }

  /** Resolves unseen shapes (keyed by patternKeyText) and remembers them; null ids when the assigner cannot answer. */
  async learn(tenantId: string, keys: Map<string, PatternKey>): Promise<Map<string, string | null>> {
    const shapes = [...keys.keys()];
    const asked = [...keys.values()];
    let ids: (string | null)[];
    try {
      ids = await this.resolve(tenantId, asked);
    } catch {
      // Patterns are an index over the records, not part of them: records are kept without one.
      ids = shapes.map(() => null);
    }
    if (this.size + shapes.length > MAX_SHAPES) {
      this.shapes.clear();
      this.size = 0;
    }
    const answer = new Map<string, string | null>();
    shapes.forEach((shape, i) => {
      const id = ids[i] ?? null;
      answer.set(shape, id);
      if (id === null) return;
      let ofTenant = this.shapes.get(tenantId);
      if (!ofTenant) this.shapes.set(tenantId, (ofTenant = new Map()));
      let ofService = ofTenant.get(asked[i].service);
      if (!ofService) ofTenant.set(asked[i].service, (ofService = new Map()));
      if (!ofService.has(asked[i].masked)) this.size++;
      ofService.set(asked[i].masked, id);
    });
    return answer;
  }
}
