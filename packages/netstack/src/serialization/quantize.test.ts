import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dequantize, quantize } from './quantize.js';

describe('quantize', () => {
  it('maps the ends of the range to 0 and 2^bits − 1, and clamps outside it', () => {
    expect(quantize(0, 0, 1, 8)).toBe(0);
    expect(quantize(1, 0, 1, 8)).toBe(255);
    expect(quantize(-5, -1, 1, 16)).toBe(0);
    expect(quantize(5, -1, 1, 16)).toBe(65535);
    expect(quantize(Number.NaN, -1, 1, 16)).toBe(0);
    expect(quantize(1, 0, 1, 32)).toBe(2 ** 32 - 1);
  });

  it('round-trips within half a step', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        fc.integer({ min: 1, max: 32 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (min, span, bits, t) => {
          const max = min + span;
          const v = min + t * span;
          const q = quantize(v, min, max, bits);
          expect(q).toBeGreaterThanOrEqual(0);
          expect(q).toBeLessThanOrEqual(2 ** bits - 1);
          const step = span / (2 ** bits - 1);
          expect(Math.abs(dequantize(q, min, max, bits) - v)).toBeLessThanOrEqual(
            step / 2 + span * 1e-12,
          );
        },
      ),
    );
  });
});
