/**
 * The ingest side's question for one shape of line: which pattern do lines of this service,
 * masked to `masked` (drain-miner.ts maskLine), belong to? `sample` and `timestamp` are the
 * first such line seen, kept if a pattern is made for it.
 */
export interface PatternKey {
  service: string | null;
  masked: string;
  sample: string;
  timestamp: number;
}

/** Records of one pattern in a prepared chunk, told to the assigner once they are committed. */
export interface PatternCount {
  id: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
}

/** Characters of a message's first line that are mined (a stack trace's frames are not). */
export const MAX_MINED_LINE = 500;

/** The part of a message that decides its pattern: its first line, at most MAX_MINED_LINE characters. */
export function minedLine(message: string): string {
  const newline = message.indexOf('\n');
  const line = newline < 0 ? message : message.slice(0, newline);
  return line.length > MAX_MINED_LINE ? line.slice(0, MAX_MINED_LINE) : line;
}

export const patternKeyText = (service: string | null, masked: string): string => `${service ?? ''}\u0000${masked}`;
