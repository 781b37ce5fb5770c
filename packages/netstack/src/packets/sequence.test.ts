import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplayWindow } from '../acks/replayWindow.js';
import {
  ACK_MODULUS,
  expandAck,
  expandSequence,
  MAX_SEQUENCE,
  SEQUENCE_MODULUS,
  truncateAck,
  truncateSequence,
} from './sequence.js';

const HALF = SEQUENCE_MODULUS / 2;

describe('expandSequence', () => {
  it('recovers every sequence within half the modulus of the next expected one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_SEQUENCE - SEQUENCE_MODULUS }),
        fc.integer({ min: -HALF + 1, max: HALF }),
        (latest, offset) => {
          const sequence = latest + 1 + offset;
          fc.pre(sequence >= 0);
          expect(expandSequence(truncateSequence(sequence), latest)).toBe(sequence);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('recovers sequences across the 13-bit boundary in both directions', () => {
    expect(expandSequence(truncateSequence(8192), 8191)).toBe(8192);
    expect(expandSequence(truncateSequence(8191), 8192)).toBe(8191);
    expect(expandSequence(truncateSequence(8192 * 5 + 3), 8192 * 5 - 10)).toBe(8192 * 5 + 3);
    expect(expandSequence(truncateSequence(8192 * 5 - 3), 8192 * 5 + 10)).toBe(8192 * 5 - 3);
  });

  it('expands 64-bit-sized values near 2^53 without losing precision', () => {
    const latest = MAX_SEQUENCE - 100;
    expect(expandSequence(truncateSequence(latest + 5), latest)).toBe(latest + 5);
    expect(expandSequence(truncateSequence(latest - 5), latest)).toBe(latest - 5);
  });

  it('misreads a jump of half the modulus or more (the tag then rejects the packet)', () => {
    const latest = 100_000;
    const far = latest + 1 + HALF + 1;
    expect(expandSequence(truncateSequence(far), latest)).not.toBe(far);
  });
});

describe('expandAck', () => {
  it('recovers every ack within 65,535 of the newest sent sequence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_SEQUENCE }),
        fc.integer({ min: 0, max: ACK_MODULUS - 1 }),
        (latestSent, behind) => {
          const ack = latestSent - behind;
          fc.pre(ack >= 0);
          expect(expandAck(truncateAck(ack), latestSent)).toBe(ack);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('never expands to more than the newest sent sequence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 65535 }),
        (latestSent, low) => {
          const ack = expandAck(low, latestSent);
          expect(ack).toBeLessThanOrEqual(latestSent);
          if (ack >= 0) expect(ack % ACK_MODULUS).toBe(low);
        },
      ),
    );
  });

  it('answers -1 for an ack of a packet never sent', () => {
    expect(expandAck(10, 5)).toBe(-1);
    expect(expandAck(0, 0)).toBe(0);
  });
});

/**
 * netcode's notes for implementers (IMPLEMENTERS.md, "Integer overflow in replay
 * protection") warn about arithmetic that wraps near the top of the sequence space. Ours
 * is 2^53 − 1, and the boundaries where a 32-bit slip would show are 2^31 and 2^32: the
 * expansions must be exact across each, and never produce a number past MAX_SEQUENCE
 * for a receiver that is not already at the end.
 */
describe('expansion near the wrap points', () => {
  const boundaries = [2 ** 13, 2 ** 16, 2 ** 31, 2 ** 32, 2 ** 48, MAX_SEQUENCE - HALF];
  const offsets = [-HALF + 1, -256, -1, 0, 1, 255, HALF];

  it.each(boundaries)('recovers sequences across %d from every side', (boundary) => {
    for (const latest of [boundary - HALF, boundary - 2, boundary - 1, boundary, boundary + 1]) {
      for (const offset of offsets) {
        const sequence = latest + 1 + offset;
        if (sequence < 0 || sequence > MAX_SEQUENCE) continue;
        expect(expandSequence(truncateSequence(sequence), latest), `${latest} → ${sequence}`).toBe(
          sequence,
        );
      }
      const tooFar = latest + 1 + HALF + 1;
      if (tooFar <= MAX_SEQUENCE) {
        expect(expandSequence(truncateSequence(tooFar), latest)).toBe(tooFar - SEQUENCE_MODULUS);
      }
    }
  });

  it('never expands past MAX_SEQUENCE while the receiver is below it', () => {
    for (const latest of [MAX_SEQUENCE - SEQUENCE_MODULUS, MAX_SEQUENCE - HALF, MAX_SEQUENCE - 1]) {
      for (let truncated = 0; truncated < SEQUENCE_MODULUS; truncated++) {
        const sequence = expandSequence(truncated, latest);
        if (sequence > MAX_SEQUENCE || sequence % SEQUENCE_MODULUS !== truncated) {
          throw new Error(`expandSequence(${truncated}, ${latest}) = ${sequence}`);
        }
      }
    }
  });

  it('leaves a receiver at the last sequence nothing past it to accept', () => {
    const window = new ReplayWindow();
    window.accept(MAX_SEQUENCE);
    for (let truncated = 0; truncated < SEQUENCE_MODULUS; truncated++) {
      const sequence = expandSequence(truncated, MAX_SEQUENCE);
      if (sequence > MAX_SEQUENCE && window.isFresh(sequence)) {
        throw new Error(`${truncated} expands to ${sequence}, which the window accepts`);
      }
    }
  });

  it.each([2 ** 16, 2 ** 31, 2 ** 32, 2 ** 48, MAX_SEQUENCE])(
    'recovers acks across %d, and refuses one of a packet not yet sent',
    (boundary) => {
      for (const latestSent of [boundary - 1, boundary, Math.min(boundary + 1, MAX_SEQUENCE)]) {
        for (const behind of [0, 1, 255, ACK_MODULUS - 1]) {
          const ack = latestSent - behind;
          expect(expandAck(truncateAck(ack), latestSent), `${latestSent} - ${behind}`).toBe(ack);
        }
        // The next packet's number, not sent yet: read as 65,535 behind, never ahead.
        expect(expandAck(truncateAck(latestSent + 1), latestSent)).toBe(
          latestSent + 1 - ACK_MODULUS,
        );
      }
    },
  );
});
