import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
