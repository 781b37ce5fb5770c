/**
 * The fuzzer's one source of randomness: mulberry32 (as `SeededRandom`), with the
 * helpers a mutator needs. Every decision of a fuzz run comes from here, so a seed
 * replays the run exactly.
 */
export class FuzzRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [0, bound). */
  below(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** An integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.below(items.length)];
    if (item === undefined) throw new Error('FuzzRandom.pick: no items');
    return item;
  }

  /** Fills `bytes[from, to)` with random bytes. */
  fill(bytes: Uint8Array, from = 0, to = bytes.length): void {
    let i = from;
    for (; i + 4 <= to; i += 4) {
      const word = this.u32();
      bytes[i] = word;
      bytes[i + 1] = word >>> 8;
      bytes[i + 2] = word >>> 16;
      bytes[i + 3] = word >>> 24;
    }
    for (; i < to; i++) bytes[i] = this.u32();
  }

  bytes(length: number): Uint8Array {
    const bytes = new Uint8Array(length);
    this.fill(bytes);
    return bytes;
  }

  /** A new generator whose sequence depends on this one's next number and nothing else. */
  fork(): FuzzRandom {
    return new FuzzRandom(this.u32());
  }
}
