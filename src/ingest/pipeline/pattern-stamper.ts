import { maskLine } from '../../patterns/drain-miner';
import { minedLine, PatternKey, patternKeyText } from '../../patterns/pattern-key';

/** Asks the process's PatternAssigner for the ids of shapes this thread has not seen. */
export type PatternResolve = (tenantId: string, keys: PatternKey[]) => Promise<string[]>;

/** Shapes remembered per tenant by one thread; emptied when it grows past this. */
const MAX_SHAPES = 50_000;

/**
 * The per-thread side of pattern assignment at ingest (docs/decisions/0060): a line is masked
 * (one regex scan) and looked up by service and shape; only unseen shapes are resolved, once
 * per chunk, through `resolve`. An id once given to a shape never changes, so the memo needs
 * no invalidation.
 */
export class PatternStamper {
  private readonly shapes = new Map<string, Map<string, string>>();

  constructor(private readonly resolve: PatternResolve) {}

  /** The shape of a message and its id when this thread knows it. */
  lookup(tenantId: string, service: string | null, message: string): { shape: string; masked: string; line: string; id: string | undefined } {
    const line = minedLine(message);
    const masked = maskLine(line);
    const shape = patternKeyText(service, masked);
    return { shape, masked, line, id: this.shapes.get(tenantId)?.get(shape) };
  }

  /** Resolves unseen shapes and remembers them; null ids when the assigner cannot answer. */
  async learn(tenantId: string, keys: Map<string, PatternKey>): Promise<Map<string, string | null>> {
    const shapes = [...keys.keys()];
    let ids: (string | null)[];
    try {
      ids = await this.resolve(tenantId, [...keys.values()]);
    } catch {
      // Patterns are an index over the records, not part of them: records are kept without one.
      ids = shapes.map(() => null);
    }
    let known = this.shapes.get(tenantId);
    if (!known) this.shapes.set(tenantId, (known = new Map()));
    if (known.size + shapes.length > MAX_SHAPES) known.clear();
    const answer = new Map<string, string | null>();
    shapes.forEach((shape, i) => {
      const id = ids[i] ?? null;
      answer.set(shape, id);
      if (id !== null) known!.set(shape, id);
    });
    return answer;
  }
}
