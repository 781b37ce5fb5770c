/**
 * A seeded fuzzer of generated decoders (`netstack-codegen` output): random bytes and
 * mutants of valid encodings, decoded as a game decodes a payload, exactly to its end.
 *
 * The oracles, at every input:
 * - **only `DecodeError`**: anything else thrown (a `RangeError` from a `DataView`, a
 *   `TypeError` from a missing field, ...) is a crash;
 * - **no read outside the range**: the input is also decoded from the middle of a larger
 *   buffer full of other bytes, `Reader(buffer, offset, end)`, and must give the same
 *   outcome (the same value, or the same error code at the same place);
 * - **no allocation beyond the input**: every `new Array(n)` during a decode must have
 *   `n` at most 8 × the input's bytes (the densest items, bit-packed booleans, take 1/8
 *   byte), and all of them together no more; byte arrays and strings are cut from the
 *   input, so they cannot outgrow it;
 * - **no hang**: the slowest decode is reported, and one over `slowMilliseconds` is a finding.
 *
 * Inputs that decode are kept (a bounded sample) as more material to mutate, so the run
 * feeds itself valid encodings beyond the samples it was given.
 */
import { DecodeError, Reader } from '../../serialization/index.js';
import { Digest } from './digest.js';
import { FuzzRandom } from './fuzzRandom.js';
import { BLIND_MUTATORS, type MutationContext } from './mutators.js';

/** One decoder to fuzz, with valid encodings to start from. */
export interface FuzzCodec {
  readonly name: string;
  readonly decode: (reader: Reader) => unknown;
  /** Valid encodings of values of this type (at least one). */
  readonly samples: readonly Uint8Array[];
}

export interface CodecFuzzOptions {
  readonly seed: number;
  readonly count: number;
  readonly codecs: readonly FuzzCodec[];
  /** A decode slower than this is a finding. @default 250 */
  readonly slowMilliseconds?: number;
  readonly onProgress?: (report: CodecFuzzReport) => void;
  /** @default 100_000 */
  readonly progressEvery?: number;
  /** Findings kept with their details (all are counted). @default 20 */
  readonly keepFindings?: number;
}

export interface CodecFuzzFinding {
  readonly kind: 'crash' | 'out-of-range-read' | 'oversized-allocation' | 'slow';
  readonly input: number;
  readonly codec: string;
  readonly detail: string;
}

export interface CodecFuzzReport {
  readonly seed: number;
  readonly inputs: number;
  readonly decoded: number;
  /** Inputs rejected, by `DecodeError` code. */
  readonly rejected: Record<string, number>;
  readonly crashes: number;
  readonly outOfRangeReads: number;
  readonly oversizedAllocations: number;
  readonly slowInputs: number;
  /** Decodes over the limit once that were fast when timed again: pauses of the machine. */
  readonly pauses: number;
  readonly slowestMilliseconds: number;
  /** The decoder and input size of the slowest decode. */
  readonly slowest: string;
  /** The largest `new Array(n)` seen, against 8 × its input's bytes. */
  readonly largestArray: { readonly length: number; readonly inputBytes: number };
  readonly perCodec: Record<string, { inputs: number; decoded: number }>;
  readonly digest: string;
  readonly findings: readonly CodecFuzzFinding[];
}

/** Counts the arrays `new Array(n)` makes while `active`, for the allocation oracle. */
class ArrayCensus {
  active = false;
  largest = 0;
  total = 0;
  private original: ArrayConstructor | undefined;

  install(): void {
    const original = Array;
    this.original = original;
    const census = this;
    globalThis.Array = new Proxy(original, {
      construct(target, args, newTarget) {
        if (census.active && args.length === 1 && typeof args[0] === 'number') {
          const n = args[0];
          census.total += n;
          if (n > census.largest) census.largest = n;
        }
        return Reflect.construct(target, args, newTarget);
      },
    });
  }

  uninstall(): void {
    if (this.original !== undefined) globalThis.Array = this.original;
  }

  begin(): void {
    this.largest = 0;
    this.total = 0;
    this.active = true;
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; code: string; at: string };

const KEPT_PER_CODEC = 64;

export class CodecFuzzer {
  private readonly options: Required<Omit<CodecFuzzOptions, 'onProgress'>> &
    Pick<CodecFuzzOptions, 'onProgress'>;
  private readonly random: FuzzRandom;
  private readonly digest = new Digest();
  private readonly census = new ArrayCensus();
  private readonly pools: Uint8Array[][];
  private readonly seen: number[];
  private readonly findings: CodecFuzzFinding[] = [];
  private readonly rejected: Record<string, number> = {};
  private readonly perCodec: Record<string, { inputs: number; decoded: number }> = {};
  private readonly counts = {
    inputs: 0,
    decoded: 0,
    crashes: 0,
    outOfRange: 0,
    oversized: 0,
    slow: 0,
    pauses: 0,
  };
  private slowest = 0;
  private slowestWhat = '';
  private largestArray = { length: 0, inputBytes: 0 };
  private readonly mutation: MutationContext;
  private codec!: FuzzCodec;
  private pool!: Uint8Array[];

  constructor(options: CodecFuzzOptions) {
    this.options = { slowMilliseconds: 250, progressEvery: 100_000, keepFindings: 20, ...options };
    if (options.codecs.length === 0) throw new Error('CodecFuzzer: no codecs');
    this.random = new FuzzRandom(options.seed);
    this.pools = options.codecs.map((codec) => {
      if (codec.samples.length === 0) throw new Error(`CodecFuzzer: ${codec.name} has no samples`);
      return codec.samples.map((sample) => sample.slice());
    });
    this.seen = options.codecs.map((codec) => codec.samples.length);
    for (const codec of options.codecs) this.perCodec[codec.name] = { inputs: 0, decoded: 0 };
    this.mutation = {
      random: this.random,
      maxPacketBytes: 1200,
      // Splice with another encoding of the same type, now and then of any type.
      other: () =>
        this.random.pick(this.random.chance(0.8) ? this.pool : this.random.pick(this.pools)),
    };
  }

  run(): CodecFuzzReport {
    const { count, progressEvery, onProgress } = this.options;
    this.census.install();
    try {
      for (let i = 0; i < count; i++) {
        this.one(i);
        if (onProgress !== undefined && (i + 1) % progressEvery === 0) onProgress(this.report());
      }
    } finally {
      this.census.uninstall();
    }
    return this.report();
  }

  private one(index: number): void {
    const random = this.random;
    const which = random.below(this.options.codecs.length);
    this.codec = this.options.codecs[which]!;
    this.pool = this.pools[which]!;
    const input = this.input();
    this.counts.inputs++;
    this.perCodec[this.codec.name]!.inputs++;
    this.digest.bytes(input);

    const started = performance.now();
    this.census.begin();
    const tight = this.decode(index, input, 0, input.length);
    this.census.active = false;
    const milliseconds = performance.now() - started;
    if (tight === undefined) return;
    this.checkTime(index, input, milliseconds);
    this.checkAllocations(index, input);

    // The same bytes inside a larger buffer, with other bytes before and after.
    if (random.chance(0.25)) {
      const before = random.below(16);
      const after = random.below(16);
      const buffer = random.bytes(before + input.length + after);
      buffer.set(input, before);
      const placed = this.decode(index, buffer, before, before + input.length);
      if (placed !== undefined && !sameOutcome(tight, placed)) {
        this.counts.outOfRange++;
        this.finding(
          'out-of-range-read',
          index,
          input,
          'decoding it inside a larger buffer gave another outcome',
        );
      }
    }

    if (tight.ok) {
      this.counts.decoded++;
      this.perCodec[this.codec.name]!.decoded++;
      this.digest.number(-1);
      this.keep(which, input);
    } else {
      this.rejected[tight.code] = (this.rejected[tight.code] ?? 0) + 1;
      this.digest.text(tight.code);
    }
  }

  /** Random bytes (a fifth of the time) or a mutant of a valid encoding. */
  private input(): Uint8Array {
    const random = this.random;
    if (random.chance(0.2)) {
      return random.bytes(random.chance(0.8) ? random.below(64) : random.below(4096));
    }
    let bytes: Uint8Array = random.pick(this.pool).slice();
    const rounds = random.chance(0.5) ? 1 : random.between(2, 5);
    for (let i = 0; i < rounds; i++)
      bytes = random.pick(BLIND_MUTATORS).apply(bytes, this.mutation);
    return bytes;
  }

  /** Decodes `bytes[start, end)` exactly; the outcome, or undefined after a crash. */
  private decode(
    index: number,
    bytes: Uint8Array,
    start: number,
    end: number,
  ): Outcome | undefined {
    const reader = new Reader(bytes, start, end);
    try {
      const value = this.codec.decode(reader);
      reader.expectEnd();
      return { ok: true, value };
    } catch (error) {
      if (error instanceof DecodeError) {
        return { ok: false, code: error.code, at: `${error.offset - start} ${error.path}` };
      }
      this.counts.crashes++;
      const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.finding('crash', index, bytes.subarray(start, end), stack);
      return undefined;
    }
  }

  private checkTime(index: number, input: Uint8Array, milliseconds: number): void {
    if (milliseconds > this.slowest) {
      this.slowest = milliseconds;
      this.slowestWhat = `${this.codec.name}, input ${index}, ${input.length} bytes`;
    }
    if (milliseconds > this.options.slowMilliseconds) {
      // A pause of the machine (a GC, another process) is no hang: time the input again.
      let fastest = milliseconds;
      for (let i = 0; i < 3 && fastest > this.options.slowMilliseconds; i++) {
        const started = performance.now();
        this.decode(index, input, 0, input.length);
        fastest = Math.min(fastest, performance.now() - started);
      }
      if (fastest > this.options.slowMilliseconds) {
        this.counts.slow++;
        this.finding('slow', index, input, `took ${fastest.toFixed(1)} ms, the fastest of 4 tries`);
      } else {
        this.counts.pauses++;
      }
    }
  }

  private checkAllocations(index: number, input: Uint8Array): void {
    const census = this.census;
    const bound = 8 * input.length;
    if (census.largest > this.largestArray.length) {
      this.largestArray = { length: census.largest, inputBytes: input.length };
    }
    if (census.largest > bound || census.total > bound) {
      this.counts.oversized++;
      this.finding(
        'oversized-allocation',
        index,
        input,
        `arrays of ${census.largest} (total ${census.total}) elements from ${input.length} bytes`,
      );
    }
  }

  /** Keeps a decodable input as material, by reservoir sampling per codec. */
  private keep(which: number, input: Uint8Array): void {
    const pool = this.pools[which]!;
    const seen = ++this.seen[which]!;
    if (pool.length < KEPT_PER_CODEC) pool.push(input);
    else {
      const slot = this.random.below(seen);
      if (slot < KEPT_PER_CODEC) pool[slot] = input;
    }
  }

  private finding(
    kind: CodecFuzzFinding['kind'],
    input: number,
    bytes: Uint8Array,
    detail: string,
  ): void {
    if (this.findings.length >= this.options.keepFindings) return;
    const hex = Array.from(bytes.subarray(0, 64), (b) => b.toString(16).padStart(2, '0')).join('');
    this.findings.push({
      kind,
      input,
      codec: this.codec.name,
      detail: `${detail}; input ${hex}${bytes.length > 64 ? '…' : ''} (${bytes.length} bytes)`,
    });
  }

  private report(): CodecFuzzReport {
    const c = this.counts;
    return {
      seed: this.options.seed,
      inputs: c.inputs,
      decoded: c.decoded,
      rejected: { ...this.rejected },
      crashes: c.crashes,
      outOfRangeReads: c.outOfRange,
      oversizedAllocations: c.oversized,
      slowInputs: c.slow,
      pauses: c.pauses,
      slowestMilliseconds: this.slowest,
      slowest: this.slowestWhat,
      largestArray: { ...this.largestArray },
      perCodec: structuredClone(this.perCodec),
      digest: this.digest.value,
      findings: this.findings.slice(),
    };
  }
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  if (a.ok !== b.ok) return false;
  if (!a.ok || !b.ok) return !a.ok && !b.ok && a.code === b.code && a.at === b.at;
  return deepEqual(a.value, b.value);
}

/** Equality of decoded values: objects, arrays, typed arrays, strings, numbers (NaN = NaN), bigints. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length)
      return false;
    return a.every((byte, i) => byte === b[i]);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) {
      return false;
    }
  }
  return true;
}
