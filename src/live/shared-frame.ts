import { LiveEntry } from './live-entry';

/**
 * The message last built for a batch of entries, reused when the next subscriber flushes the
 * same entries (element by element): subscribers whose filters match the same records
 * (every empty filter) flush the same batch in the same turn, and building the packet or
 * the SSE text (joining the JSON, encoding it) once instead of per subscriber was a third
 * of the live cost at 10 subscribers (docs/decisions/0150). Holds one batch at most.
 */
export class SharedFrame<T> {
  private entries: readonly LiveEntry[] = [];
  private frame: T | null = null;

  constructor(private readonly build: (entries: readonly LiveEntry[]) => T) {}

  of(entries: readonly LiveEntry[]): T {
    if (this.frame === null || !sameEntries(this.entries, entries)) {
      this.frame = this.build(entries);
      this.entries = entries;
    }
    return this.frame;
  }
}

function sameEntries(a: readonly LiveEntry[], b: readonly LiveEntry[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
