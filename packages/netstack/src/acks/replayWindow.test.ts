import { describe, expect, it } from 'vitest';
import { MAX_SEQUENCE } from '../packets/sequence.js';
import { REPLAY_WINDOW_SIZE, ReplayWindow } from './replayWindow.js';

function windowAfter(...sequences: number[]): ReplayWindow {
  const window = new ReplayWindow();
  for (const sequence of sequences) {
    expect(window.isFresh(sequence)).toBe(true);
    window.accept(sequence);
  }
  return window;
}

describe('ReplayWindow', () => {
  it('accepts each sequence once and rejects its duplicates', () => {
    const window = windowAfter(1, 2, 3);
    expect(window.isFresh(1)).toBe(false);
    expect(window.isFresh(3)).toBe(false);
    expect(window.isFresh(4)).toBe(true);
  });

  it('never accepts sequence 0 (it means "none")', () => {
    expect(new ReplayWindow().isFresh(0)).toBe(false);
  });

  it('never accepts a sequence past MAX_SEQUENCE, where numbers stop being exact', () => {
    const window = windowAfter(MAX_SEQUENCE - 1);
    expect(window.isFresh(MAX_SEQUENCE)).toBe(true);
    expect(window.isFresh(MAX_SEQUENCE + 1)).toBe(false); // 2^53
    expect(window.isFresh(MAX_SEQUENCE + 3)).toBe(false); // 2^53 + 2
    expect(new ReplayWindow().isFresh(2 ** 60)).toBe(false);
  });

  it('accepts the oldest sequence inside the window and rejects the one just older', () => {
    const latest = 1000;
    const window = windowAfter(latest);
    expect(window.isFresh(latest - REPLAY_WINDOW_SIZE + 1)).toBe(true);
    expect(window.isFresh(latest - REPLAY_WINDOW_SIZE)).toBe(false);
  });

  it('accepts late packets inside the window in any order, once', () => {
    const window = windowAfter(300, 100, 299, 45, 200);
    for (const sequence of [300, 100, 299, 45, 200]) expect(window.isFresh(sequence)).toBe(false);
    expect(window.isFresh(150)).toBe(true);
  });

  it('slides forward on a far jump ahead and then rejects everything behind the new window', () => {
    const window = windowAfter(10, 11, 12);
    window.accept(1_000_000);
    expect(window.latest).toBe(1_000_000);
    expect(window.isFresh(12)).toBe(false);
    expect(window.isFresh(13)).toBe(false);
    expect(window.isFresh(1_000_000 - REPLAY_WINDOW_SIZE + 1)).toBe(true);
    expect(window.isFresh(1_000_001)).toBe(true);
  });

  it('does not mistake a sequence for one a whole window apart', () => {
    const window = windowAfter(5);
    expect(window.isFresh(5 + REPLAY_WINDOW_SIZE)).toBe(true);
    window.accept(5 + REPLAY_WINDOW_SIZE);
    expect(window.isFresh(5)).toBe(false);
    expect(window.isFresh(5 + 2 * REPLAY_WINDOW_SIZE)).toBe(true);
  });

  it('reports the 32 sequences before the newest as ack bits', () => {
    const window = windowAfter(100, 99, 97, 68, 67);
    // bit i: 99 - i received → 99 (i=0), 97 (i=2), 68 (i=31); 67 is beyond the bits.
    expect(window.ackBits()).toBe((1 << 0) | (1 << 2) | (1 << 31));
    expect(windowAfter(1).ackBits()).toBe(0);
  });

  it('changes nothing when only asked', () => {
    const window = windowAfter(7);
    window.isFresh(8);
    window.isFresh(100);
    expect(window.latest).toBe(7);
    expect(window.isFresh(8)).toBe(true);
  });
});
