import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function encode(value: number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = ALPHABET[value % 32] + out;
    value = Math.floor(value / 32);
  }
  return out;
}

const processPrefix = encode(randomBytes(4).readUInt32BE(0), 6);
let lastMs = 0;
/** encode(lastMs, 10) + processPrefix: the records of one ingest body share their millisecond. */
let lastHead = encode(lastMs, 10) + processPrefix;
let counter = 0;

/**
 * A unique, time-sortable id: 10 chars of millisecond time, 6 of this process, 6 of a
 * counter. Ids made later in one process sort after earlier ones; cheap enough per record.
 */
export function newId(now = Date.now()): string {
  if (now !== lastMs) {
    lastMs = now;
    lastHead = encode(now, 10) + processPrefix;
    counter = 0;
  }
  counter++;
  return lastHead + encode(counter, 6);
}

/** A random secret for tokens: 32 bytes, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The millisecond time encoded in an id made by newId, or null for another shape of id. */
export function idTime(id: string): number | null {
  if (id.length !== 22) return null;
  let value = 0;
  for (let i = 0; i < 10; i++) {
    const digit = ALPHABET.indexOf(id[i]);
    if (digit < 0) return null;
    value = value * 32 + digit;
  }
  return value;
}
