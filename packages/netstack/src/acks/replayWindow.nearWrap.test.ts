import { describe, expect, it } from 'vitest';
import { MAX_SEQUENCE } from '../packets/sequence.js';
import { REPLAY_WINDOW_SIZE, ReplayWindow } from './replayWindow.js';

/**
 * The near-wrap cases of netcode's notes for implementers (mas-bandwidth/netcode,
 * IMPLEMENTERS.md, "Integer overflow in replay protection"): the test
 * `sequence + REPLAY_BUFFER_SIZE <= most_recent_sequence` wrapped past zero for the top
 * 256 sequences of a u64, so legitimate packets there were refused as replays.
 *
 * netstack's sequences are 64-bit in meaning and held exactly up to 2^53 − 1, so its
 * "top" is MAX_SEQUENCE, where `sequence + 256` is no longer exact; and a port that
 * reached for 32-bit integer operations (`| 0`, `>>> 0`) would break at 2^31 and 2^32.
 * Each boundary gets the same checks: every sequence across it accepted once, in order
 * and in reverse, duplicates refused, the window's edges exact, and no confusion
 * between two sequences a boundary apart.
 */
const BOUNDARIES: [string, number][] = [
  ['2^13 (the wire form)', 2 ** 13],
  ['2^16 (the ack on the wire)', 2 ** 16],
  ['2^31 (signed 32-bit)', 2 ** 31],
  ['2^32 (unsigned 32-bit)', 2 ** 32],
  ['2^48', 2 ** 48],
  ['2^53 − 1 (the last sequence)', MAX_SEQUENCE + 1],
];

function accepts(window: ReplayWindow, sequence: number): boolean {
  if (!window.isFresh(sequence)) return false;
  window.accept(sequence);
  return true;
}

/** `from` to `to`, both included, clipped to valid sequences. */
function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let s = Math.max(1, from); s <= Math.min(to, MAX_SEQUENCE); s++) out.push(s);
  return out;
}

describe.each(BOUNDARIES)('ReplayWindow across %s', (_name, boundary) => {
  const below = boundary - REPLAY_WINDOW_SIZE - 10;
  const above = boundary + REPLAY_WINDOW_SIZE + 10;

  it('accepts every sequence across it once, in order, and refuses each again', () => {
    const window = new ReplayWindow();
    const sequences = range(below, above);
    expect(sequences.every((s) => accepts(window, s))).toBe(true);
    expect(window.latest).toBe(sequences.at(-1));
    const tail = sequences.slice(-REPLAY_WINDOW_SIZE - 5);
    expect(tail.filter((s) => accepts(window, s))).toEqual([]);
  });

  it('accepts a whole window in reverse, ending on the oldest it can hold', () => {
    const window = new ReplayWindow();
    const newest = Math.min(boundary + 100, MAX_SEQUENCE);
    const sequences = range(newest - REPLAY_WINDOW_SIZE + 1, newest).reverse();
    expect(sequences.every((s) => accepts(window, s))).toBe(true);
    expect(window.isFresh(newest - REPLAY_WINDOW_SIZE)).toBe(false);
    expect(window.ackBits()).toBe(-1); // all 32 before the newest received
  });

  it('puts the edges exactly 255 and 256 behind the newest', () => {
    for (const newest of [boundary - 1, boundary, boundary + 1, boundary + 255]) {
      if (newest > MAX_SEQUENCE) continue;
      const window = new ReplayWindow();
      window.accept(newest);
      expect(window.isFresh(newest - 255), `${newest} - 255`).toBe(true);
      expect(window.isFresh(newest - 256), `${newest} - 256`).toBe(false);
      expect(window.isFresh(newest), `${newest} again`).toBe(false);
      expect(window.isFresh(newest + 1)).toBe(newest + 1 <= MAX_SEQUENCE);
    }
  });

  it('does not take a sequence for one with the same low 8, 13, 16 or 32 bits', () => {
    const newest = Math.min(boundary + 3, MAX_SEQUENCE);
    for (const gap of [REPLAY_WINDOW_SIZE, 2 ** 13, 2 ** 16, 2 ** 32]) {
      if (newest - gap <= 0) continue;
      const window = new ReplayWindow();
      window.accept(newest - gap);
      expect(window.isFresh(newest), `${newest} after ${newest} - ${gap}`).toBe(true);
      window.accept(newest);
      expect(window.isFresh(newest - gap)).toBe(false);
    }
  });
});

describe('ReplayWindow at the very top', () => {
  it('accepts the last 256 sequences there are, in any order, and nothing past them', () => {
    const window = new ReplayWindow();
    const top = range(MAX_SEQUENCE - REPLAY_WINDOW_SIZE + 1, MAX_SEQUENCE);
    const shuffled = top.filter((_, i) => i % 2 === 1).concat(top.filter((_, i) => i % 2 === 0));
    expect(shuffled.filter((s) => !accepts(window, s))).toEqual([]);
    expect(window.latest).toBe(MAX_SEQUENCE);
    expect(top.filter((s) => window.isFresh(s))).toEqual([]);
    expect(window.isFresh(MAX_SEQUENCE + 1)).toBe(false);
  });
});
