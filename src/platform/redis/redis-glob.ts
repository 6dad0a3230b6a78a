/** SCAN MATCH takes a glob; a prefix is matched literally. */
export function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]\\]/g, '\\$&');
}
