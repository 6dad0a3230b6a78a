// A small seeded PRNG (mulberry32): the generator must give the same records for the same
// seed, and Math.random cannot be seeded.

const HEX_WORD = Array.from({ length: 65536 }, (_, i) => i.toString(16).padStart(4, '0'));
const HEX_3 = HEX_WORD.slice(0, 4096).map((h) => h.slice(1));

export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A uniformly random 32-bit unsigned integer. */
  uint32(): number {
    return Math.floor(this.next() * 4294967296);
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A random (version 4) UUID. */
  uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    return (
      HEX_WORD[a >>> 16] + HEX_WORD[a & 0xffff] + '-' + HEX_WORD[b >>> 16] + '-4' + HEX_3[b & 0xfff] + '-a' +
      HEX_3[c >>> 20] + '-' + HEX_WORD[c & 0xffff] + HEX_WORD[d >>> 16] + HEX_WORD[d & 0xffff]
    );
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `hexChars` lowercase hex digits. */
  hex(hexChars: number): string {
    let out = '';
    for (let i = 0; i < hexChars; i += 8) {
      const x = this.uint32();
      out += HEX_WORD[x >>> 16] + HEX_WORD[x & 0xffff];
    }
    return hexChars % 8 === 0 ? out : out.slice(0, hexChars);
  }
}

/** Picks items by weight in O(log n); built once, drawn millions of times. */
export class WeightedPicker<T> {
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    let sum = 0;
    this.cumulative = weights.map((w) => (sum += w));
    this.total = sum;
  }

  pick(rng: Prng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }

  static of<T>(entries: ReadonlyArray<readonly [T, number]>): WeightedPicker<T> {
    return new WeightedPicker(
      entries.map((e) => e[0]),
      entries.map((e) => e[1]),
    );
  }
}
