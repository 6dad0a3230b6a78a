// The protobuf wire format, read by hand: the OTLP logs messages need only varints, fixed
// 64/32-bit numbers and length-delimited fields, and no schema compiler is worth a
// dependency for that. Every read is bounds-checked; a bad message throws ProtobufError.

export class ProtobufError extends Error {}

export const WIRE = { VARINT: 0, FIXED64: 1, BYTES: 2, FIXED32: 5 } as const;

export class ProtobufReader {
  pos: number;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** The next field's number and wire type. */
  tag(): { field: number; wire: number } {
    const key = this.varint();
    const field = Number(key >> 3n);
    if (field === 0) throw new ProtobufError(`field number 0 at byte ${this.pos}`);
    return { field, wire: Number(key & 7n) };
  }

  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.end) throw new ProtobufError('truncated varint');
      const byte = this.buf[this.pos++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result & 0xffffffffffffffffn;
    }
    throw new ProtobufError('varint longer than 10 bytes');
  }

  fixed64(): bigint {
    this.need(8);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8);
    this.pos += 8;
    return view.getBigUint64(0, true);
  }

  double(): number {
    this.need(8);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8);
    this.pos += 8;
    return view.getFloat64(0, true);
  }

  fixed32(): number {
    this.need(4);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 4);
    this.pos += 4;
    return view.getUint32(0, true);
  }

  /** A length-delimited field as a reader over just its bytes. */
  sub(): ProtobufReader {
    const length = this.length();
    const reader = new ProtobufReader(this.buf, this.pos, this.pos + length);
    this.pos += length;
    return reader;
  }

  bytes(): Uint8Array {
    const length = this.length();
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  string(): string {
    return Buffer.from(this.bytes()).toString('utf8');
  }

  skip(wire: number): void {
    if (wire === WIRE.VARINT) this.varint();
    else if (wire === WIRE.FIXED64) this.fixed64();
    else if (wire === WIRE.BYTES) this.bytes();
    else if (wire === WIRE.FIXED32) this.fixed32();
    else throw new ProtobufError(`unsupported wire type ${wire} at byte ${this.pos}`);
  }

  private length(): number {
    const length = Number(this.varint());
    this.need(length);
    return length;
  }

  private need(bytes: number): void {
    if (bytes < 0 || this.pos + bytes > this.end) throw new ProtobufError(`truncated message: ${bytes} bytes needed at byte ${this.pos}`);
  }
}

/** Writes the two small messages Lognest answers with (partial success, status). */
export class ProtobufWriter {
  private readonly parts: Buffer[] = [];

  varintField(field: number, value: number): this {
    if (value !== 0) this.parts.push(Buffer.from([...varint(BigInt(field << 3)), ...varint(BigInt(value))]));
    return this;
  }

  stringField(field: number, value: string): this {
    if (value) this.bytesField(field, Buffer.from(value, 'utf8'));
    return this;
  }

  bytesField(field: number, value: Buffer): this {
    this.parts.push(Buffer.from([...varint(BigInt((field << 3) | WIRE.BYTES)), ...varint(BigInt(value.length))]), value);
    return this;
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function varint(value: bigint): number[] {
  const out: number[] = [];
  let v = value;
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}
