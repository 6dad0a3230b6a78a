import { FrameDecoder } from '../listener/tcp-listener';

/**
 * A JSON-lines frame: a JSON object goes on as it is (the pipeline parses it); any other line,
 * broken JSON included, is kept as a plain-text record rather than lost.
 */
export const decodeJsonLine: FrameDecoder = (text) => {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { line: trimmed };
    } catch {
      // not JSON after all: kept as text below
    }
  }
  if (trimmed.length === 0) return { error: 'empty line', detail: 'only whitespace' };
  return { line: JSON.stringify({ message: text }) };
};
