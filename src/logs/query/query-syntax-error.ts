/**
 * A query the language cannot accept: bad syntax, or a value its field cannot hold
 * (`status_code:abc`). The API answers it with a 400 carrying `position` and `expected`.
 */
export class QuerySyntaxError extends Error {
  constructor(
    /** What would have been accepted, as users read it: `')'`, `a number`. */
    readonly expected: string,
    /** 0-based character offset in the query text. */
    readonly position: number,
  ) {
    super(`Expected ${expected} at position ${position}`);
    this.name = 'QuerySyntaxError';
  }
}
