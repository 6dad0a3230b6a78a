/**
 * Text a spreadsheet would run as a formula (or DDE command) when the cell is opened.
 * Spreadsheets skip leading spaces, NBSP and other Unicode white space before `=`, so those
 * count too (issue 14; `\s` covers U+00A0, U+2000–U+200A, U+3000 and U+FEFF).
 */
const FORMULA_START = /^(?:\s*[=+\-@]|[\t\r])/;
/**
 * A sign, a space and then no function call or DDE reference (`- 1117838570 2005.06.03 …`, the
 * alert column of BGL and Thunderbird lines): nothing a spreadsheet could run or leak, so it
 * stays as written. See docs/decisions/0046.
 */
const SIGN_THEN_TEXT = /^[+-] (?![=+\-@])[^(|]*$/s;
const NEEDS_QUOTES = /[",\r\n]/;
/** Column names as exports write them (`@timestamp`, `fields.region`): no operator, no call. */
const PLAIN_NAME = /^@?[A-Za-z_][\w.]*$/;

/**
 * One CSV cell (RFC 4180). Log content is untrusted: a string that starts like a formula
 * is prefixed with `'` so spreadsheets show it as text. Numbers stay numbers, so a negative
 * response time is still summable; only strings can carry a formula.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = Array.isArray(value) ? value.join(',') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text) && !SIGN_THEN_TEXT.test(text)) text = `'${text}`;
  return quoted(text);
}

function quoted(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header row: our column names as they are; a name that came from log content is a cell like any other. */
export function csvHeader(columns: string[]): string {
  return `${columns.map((name) => (PLAIN_NAME.test(name) ? name : csvCell(name))).join(',')}\r\n`;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
