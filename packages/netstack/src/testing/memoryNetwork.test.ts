import { describe, expect, it } from 'vitest';
import type { PeerAddress } from '../transport/transport.js';
import type { LinkConditions } from './linkConditioner.js';
import { MemoryNetwork } from './memoryNetwork.js';

const A: PeerAddress = { address: 'a', port: 1 };
const B: PeerAddress = { address: 'b', port: 2 };

/** Sends `count` numbered datagrams from a to b at 1 per ms and returns what b received, with times. */
function run(conditions: LinkConditions, seed = 3, count = 10_000) {
  const network = new MemoryNetwork({ seed, conditions });
  const a = network.bind(A);
  const b = network.bind(B);
  const arrivals: { n: number; at: number }[] = [];
  const bytes = new Uint8Array(4);
  const view = new DataView(bytes.buffer);
  for (let now = 0; now < count + 2000; now++) {
    a.poll(now, () => {}, 1000);
    if (now < count) {
      view.setUint32(0, now);
      a.send(bytes, 4, B);
    }
    b.poll(
      now,
      (got) => arrivals.push({ n: new DataView(got.buffer, got.byteOffset).getUint32(0), at: now }),
      1000,
    );
  }
  return arrivals;
}

describe('MemoryNetwork', () => {
  it('delivers everything, in order, after the latency on a clean link', () => {
    const arrivals = run({ latency: 25 }, 1, 100);
    expect(arrivals.map((a) => a.n)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(arrivals.every((a) => a.at === a.n + 25)).toBe(true);
  });

  it('loses, duplicates and reorders at about the rates asked for', () => {
    const arrivals = run({ loss: 0.2, duplication: 0.1, reordering: 0.05, latency: 10, jitter: 5 });
    const distinct = new Set(arrivals.map((a) => a.n));
    expect(distinct.size / 10_000).toBeCloseTo(0.8, 1);
    expect((arrivals.length - distinct.size) / distinct.size).toBeCloseTo(0.1, 1);
    const outOfOrder = arrivals.filter((a, i) => i > 0 && a.n < arrivals[i - 1]!.n).length;
    expect(outOfOrder).toBeGreaterThan(100);
    for (const a of arrivals) expect(a.at - a.n).toBeGreaterThanOrEqual(5);
  });

  it('replays the same run for the same seed, and another for another seed', () => {
    const conditions = { loss: 0.3, jitter: 20, latency: 30 };
    expect(run(conditions, 9, 500)).toEqual(run(conditions, 9, 500));
    expect(run(conditions, 9, 500)).not.toEqual(run(conditions, 10, 500));
  });

  it('applies per-direction conditions and copies what it sends', () => {
    const network = new MemoryNetwork();
    const a = network.bind(A);
    const b = network.bind(B);
    network.setConditions({ loss: 1 }, A, B);
    const bytes = new Uint8Array([1, 2, 3]);
    a.send(bytes, 3, B);
    b.send(bytes, 2, A);
    bytes.fill(9);
    const atA: number[][] = [];
    const atB: number[][] = [];
    a.poll(0, (got) => atA.push([...got]), 10);
    b.poll(0, (got) => atB.push([...got]), 10);
    expect(atA).toEqual([[1, 2]]);
    expect(atB).toEqual([]);
  });

  it('refuses a second transport at the same address and rejects impossible conditions', () => {
    const network = new MemoryNetwork();
    network.bind(A);
    expect(() => network.bind(A)).toThrow(/already bound/);
    expect(() => new MemoryNetwork({ conditions: { loss: 2 } })).toThrow(
      /loss must be a number from 0 to 1/,
    );
  });
});
