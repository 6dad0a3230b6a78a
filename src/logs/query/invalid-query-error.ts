/**
 * A query the store refused while running it (for example a regular expression its engine
 * cannot compile). The API answers it with a 400.
 */
export class InvalidQueryError extends Error {
  constructor(reason: string) {
    super(`The query could not run: ${reason}`);
    this.name = 'InvalidQueryError';
  }
}
