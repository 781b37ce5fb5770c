import type { Codec } from './codec.js';
import type { Snapshot } from './snapshot.js';

/** What one timing window runs: encode only, decode only, or both. */
export type Operation = 'encode' | 'decode' | 'roundTrip';

/** Something the optimizer cannot see through, so no work is dropped as dead. */
export let sink = 0;

function runner(codec: Codec, snapshot: Snapshot, operation: Operation): (n: number) => void {
  switch (operation) {
    case 'encode':
      return (n) => {
        for (let i = 0; i < n; i++) sink = (sink + codec.encode(snapshot)) & 0xffff;
      };
    case 'decode':
      return (n) => {
        for (let i = 0; i < n; i++) sink = (sink + codec.decode().entities.length) & 0xffff;
      };
    case 'roundTrip':
      return (n) => {
        for (let i = 0; i < n; i++) {
          sink = (sink + codec.encode(snapshot)) & 0xffff;
          sink = (sink + codec.decode().entities.length) & 0xffff;
        }
      };
  }
}

/**
 * Operations per second over a window of about `windowMs`, in batches sized to take a few
 * milliseconds each (so reading the clock costs nothing measurable).
 */
export function opsPerSecond(
  codec: Codec,
  snapshot: Snapshot,
  operation: Operation,
  windowMs: number,
): number {
  const run = runner(codec, snapshot, operation);
  let batch = 1;
  for (;;) {
    const start = performance.now();
    run(batch);
    if (performance.now() - start >= 2) break;
    batch *= 2;
  }
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < windowMs) {
    run(batch);
    ops += batch;
    elapsed = performance.now() - start;
  }
  return (ops / elapsed) * 1000;
}

/**
 * Bytes of heap allocated per operation: the growth of `heapUsed` over `n` operations right
 * after a full GC, minus the growth over an empty loop of the same shape (what measuring
 * itself costs), median of `samples` tries. Run with `--expose-gc` and a young generation
 * large enough that no scavenge happens inside the loop
 * (`--min-semi-space-size=64 --max-semi-space-size=64`).
 */
export function bytesAllocatedPerOp(
  codec: Codec,
  snapshot: Snapshot,
  operation: Exclude<Operation, 'roundTrip'>,
  options: { n?: number; samples?: number } = {},
): number {
  const n = options.n ?? 1000;
  const samples = options.samples ?? 7;
  const run = runner(codec, snapshot, operation);
  for (let i = 0; i < 3; i++) run(n); // warm: optimized, and lazily built state built
  const empty = (count: number) => {
    for (let i = 0; i < count; i++) sink = (sink + i) & 0xffff;
  };
  empty(n);
  const results: number[] = [];
  for (let s = 0; s < samples; s++) {
    results.push(Math.max(0, heapGrowth(() => run(n)) - heapGrowth(() => empty(n))) / n);
  }
  return median(results);
}

function heapGrowth(fn: () => void): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  gc();
  const before = process.memoryUsage().heapUsed;
  fn();
  return process.memoryUsage().heapUsed - before;
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
