// What a field list (the search page's sidebar, GET /api/fields) holds, shared by every store
// so that they answer alike: every canonical field, then the extra keys present in the matching
// records (sorted, at most EXTRA_KEYS_LIMIT), each with how many matching records have it and
// its most frequent values, counted exactly over the matching records.

import { CANONICAL_FIELDS, FieldType } from './log-record';

export const EXTRA_KEYS_LIMIT = 200;
export const TOP_VALUES = 5;

/** Values worth counting: names and codes, not ids, free text, dates or measurements. */
export function countsTopValues(name: string, type: FieldType | 'keyword'): boolean {
  return name !== 'id' && (type === 'keyword' || type === 'long' || type === 'keyword[]');
}

export const CANONICAL_ENTRIES = Object.entries(CANONICAL_FIELDS) as [keyof typeof CANONICAL_FIELDS, { type: FieldType }][];
