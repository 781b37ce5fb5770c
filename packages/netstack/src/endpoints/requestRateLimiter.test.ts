import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequestRateLimiter } from './requestRateLimiter.js';

const RATE = 20;
const BURST = 10;

describe('RequestRateLimiter', () => {
  it('lets an address send its burst at once, then one request per 1/rate seconds', () => {
    const limiter = new RequestRateLimiter(RATE, BURST);
    const allowed = (now: number, tries: number) =>
      Array.from({ length: tries }, () => limiter.allow('198.51.100.7', now)).filter(Boolean)
        .length;
    expect(allowed(0, 50)).toBe(BURST);
    expect(allowed(49, 5)).toBe(0); // 0.98 of a token so far
    expect(allowed(50, 5)).toBe(1);
    expect(allowed(300, 50)).toBe(5);
    expect(allowed(1_000_000, 50)).toBe(BURST); // a long pause refills to the burst, no more
  });

  it('keeps one bucket per address', () => {
    const limiter = new RequestRateLimiter(RATE, BURST);
    for (let i = 0; i < BURST; i++) limiter.allow('a', 0);
    expect(limiter.allow('a', 0)).toBe(false);
    expect(limiter.allow('b', 0)).toBe(true);
  });

  it('mints no tokens when the clock goes backwards', () => {
    const limiter = new RequestRateLimiter(RATE, BURST);
    for (let i = 0; i < BURST; i++) limiter.allow('a', 10_000);
    expect(limiter.allow('a', 0)).toBe(false); // the step back refilled nothing
    expect(limiter.allow('a', 49)).toBe(false);
    expect(limiter.allow('a', 50)).toBe(true); // time runs on from the new clock
  });

  it('never lets an address through more than burst + rate × time in any interval', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 200 })),
            address: fc.constantFrom('a', 'b', 'c'),
          }),
          { minLength: 1, maxLength: 400 },
        ),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 20 }),
        (requests, rate, burst) => {
          const limiter = new RequestRateLimiter(rate, burst);
          let now = 0;
          const passed: Record<string, number[]> = { a: [], b: [], c: [] };
          for (const { gap, address } of requests) {
            now += gap;
            if (limiter.allow(address, now)) passed[address]!.push(now);
          }
          for (const times of Object.values(passed)) {
            for (let i = 0; i < times.length; i++) {
              for (let j = i; j < times.length; j++) {
                const span = times[j]! - times[i]!;
                expect(j - i + 1).toBeLessThanOrEqual(burst + (rate * span) / 1000 + 1e-9);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('remembers at most 16,384 addresses (the oldest are forgotten, and start full)', () => {
    const limiter = new RequestRateLimiter(RATE, BURST);
    for (let i = 0; i < 40_000; i++) limiter.allow(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, 0);
    expect(limiter.trackedAddresses).toBeLessThanOrEqual(16_384);
    expect(limiter.trackedAddresses).toBeGreaterThan(12_000);
  });
});
