// Splits a TCP byte stream into frames: newline-terminated, or (syslog, RFC 6587) octet-counted
// `<length> <frame>`, chosen per frame by its first byte as rsyslog and syslog-ng do. A bad
// frame becomes an error item and the reader resynchronises at the next newline, so one bad
// frame never costs the connection or the frames after it. Memory is bounded by maxBytes.

export type Frame = { data: Buffer } | { error: string; detail: string };

const NEWLINE = 0x0a;
const SPACE = 0x20;
const MAX_COUNT_DIGITS = 9;

export const MAX_FRAME_BYTES = 1024 * 1024;

export class FrameReader {
  private rest: Buffer = Buffer.alloc(0);
  /** Discarding bytes up to the next newline after a bad frame. */
  private skipping = false;

  constructor(
    private readonly octetCounting: boolean,
    private readonly maxBytes = MAX_FRAME_BYTES,
  ) {}

  push(chunk: Buffer): Frame[] {
    const buf = this.rest.length === 0 ? chunk : Buffer.concat([this.rest, chunk]);
    const frames: Frame[] = [];
    let pos = 0;
    while (pos < buf.length) {
      if (this.skipping) {
        const newline = buf.indexOf(NEWLINE, pos);
        if (newline === -1) {
          pos = buf.length;
          break;
        }
        pos = newline + 1;
        this.skipping = false;
        continue;
      }
      const byte = buf[pos];
      if (byte === NEWLINE || byte === 0x0d) {
        pos++;
        continue;
      }
      const next = this.octetCounting && byte >= 0x30 && byte <= 0x39 ? this.counted(buf, pos, frames) : this.line(buf, pos, frames);
      if (next === -1) break;
      pos = next;
    }
    // Copy what is left over: a view would keep the whole chunk alive.
    this.rest = pos >= buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(pos));
    return frames;
  }

  /** What the stream ended with: an unterminated last line is a frame, a cut counted frame an error. */
  end(): Frame[] {
    const rest = this.rest;
    this.rest = Buffer.alloc(0);
    if (rest.length === 0 || this.skipping) return [];
    if (this.octetCounting && rest[0] >= 0x30 && rest[0] <= 0x39) {
      const space = rest.indexOf(SPACE);
      const declared = space === -1 ? NaN : Number(rest.subarray(0, space).toString('latin1'));
      if (Number.isInteger(declared)) {
        return [{ error: 'truncated frame', detail: `octet count ${declared}, connection closed after ${rest.length - space - 1} bytes` }];
      }
    }
    const frames: Frame[] = [];
    this.line(Buffer.concat([rest, Buffer.from('\n')]), 0, frames);
    return frames;
  }

  /** One newline-terminated frame at `pos`; returns the next position, or -1 to wait for more. */
  private line(buf: Buffer, pos: number, frames: Frame[]): number {
    const newline = buf.indexOf(NEWLINE, pos);
    if (newline === -1) {
      if (buf.length - pos > this.maxBytes) {
        frames.push(this.oversize());
        this.skipping = true;
        return buf.length;
      }
      return -1;
    }
    const end = newline > pos && buf[newline - 1] === 0x0d ? newline - 1 : newline;
    if (end - pos > this.maxBytes) frames.push(this.oversize());
    else if (end > pos) frames.push({ data: buf.subarray(pos, end) });
    return newline + 1;
  }

  /** One `<length> <frame>` at `pos`; returns the next position, or -1 to wait for more. */
  private counted(buf: Buffer, pos: number, frames: Frame[]): number {
    let digitsEnd = pos;
    while (digitsEnd < buf.length && buf[digitsEnd] >= 0x30 && buf[digitsEnd] <= 0x39 && digitsEnd - pos <= MAX_COUNT_DIGITS) digitsEnd++;
    if (digitsEnd === buf.length) return -1;
    const length = Number(buf.subarray(pos, digitsEnd).toString('latin1'));
    if (buf[digitsEnd] !== SPACE || digitsEnd - pos > MAX_COUNT_DIGITS || length === 0) {
      frames.push({ error: 'invalid octet count', detail: `frame starts with ${JSON.stringify(buf.subarray(pos, Math.min(buf.length, pos + 16)).toString('latin1'))}` });
      this.skipping = true;
      return digitsEnd;
    }
    if (length > this.maxBytes) {
      frames.push(this.oversize());
      this.skipping = true;
      return digitsEnd;
    }
    const start = digitsEnd + 1;
    if (buf.length - start < length) return -1;
    frames.push({ data: buf.subarray(start, start + length) });
    return start + length;
  }

  private oversize(): Frame {
    return { error: 'frame too long', detail: `frame exceeds ${this.maxBytes} bytes` };
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });
// Control characters other than tab: a frame holding them is binary, not a log line.
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The frame as text, or why it is not text. */
export function frameText(data: Buffer): { text: string } | { error: string } {
  let text: string;
  try {
    text = decoder.decode(data);
  } catch {
    return { error: 'not UTF-8' };
  }
  return BINARY.test(text) ? { error: 'binary data' } : { text };
}
