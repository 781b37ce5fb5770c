import { CodecFuzzer, type FuzzCodec, formatCodecReport } from '@netstack/core/fuzzing';
import type { Reader } from '@netstack/core/serialization';
import { describe, expect, it } from 'vitest';
import { fixtureFuzzCodecs } from './fuzzCodecs.js';

/**
 * The suite's codec fuzz run: 100,000 random and mutated inputs over every decoder of
 * the golden `game.gen.ts` (see `CodecFuzzer` for the oracles). `pnpm fuzz --target codec`
 * runs any number, over tools/codec-bench's snapshot decoder too.
 */
const seed = Number(process.env.NETSTACK_FUZZ_SEED ?? 20_251_130);
const codecs = fixtureFuzzCodecs(seed);

function fuzz(count: number, over: readonly FuzzCodec[] = codecs, runSeed = seed) {
  return new CodecFuzzer({ seed: runSeed, count, codecs: over }).run();
}

describe('codec fuzzing of the generated decoders', () => {
  it('meets 100,000 random and mutated inputs with values or DecodeError only', () => {
    const report = fuzz(100_000);
    console.log(formatCodecReport(report));

    expect(report.findings).toEqual([]);
    expect(report.crashes).toBe(0);
    expect(report.outOfRangeReads).toBe(0);
    expect(report.oversizedAllocations).toBe(0);
    expect(report.slowInputs).toBe(0);
    // Both fates are common, for every decoder but the empty one.
    expect(report.decoded).toBeGreaterThan(10_000);
    for (const [name, counts] of Object.entries(report.perCodec)) {
      expect(counts.inputs, name).toBeGreaterThan(5_000);
      if (name !== 'Empty') expect(counts.decoded, name).toBeGreaterThan(100);
    }
    for (const code of ['TRUNCATED', 'TRAILING_BYTES', 'LENGTH_OVER_CAP', 'UNKNOWN_TAG']) {
      expect(report.rejected[code], code).toBeGreaterThan(0);
    }
  }, 60_000);

  it('replays a run exactly from its seed', () => {
    expect(fuzz(5_000).digest).toBe(fuzz(5_000).digest);
    expect(fuzz(5_000, codecs, seed + 1).digest).not.toBe(fuzz(5_000).digest);
  });

  describe('catches the bugs it is there to catch', () => {
    const samples = [new Uint8Array([3, 1, 2, 3]), new Uint8Array([0])];
    const broken = (decode: (r: Reader) => unknown): FuzzCodec[] => [
      { name: 'broken', decode, samples },
    ];

    it('an error other than DecodeError', () => {
      const report = fuzz(
        2_000,
        broken((r) => r.view.getUint32(r.offset + 2, true)),
      );
      expect(report.crashes).toBeGreaterThan(0);
      expect(report.findings[0]?.detail).toMatch(/RangeError/);
    });

    it('an allocation the input cannot describe', () => {
      const report = fuzz(
        2_000,
        broken((r) => {
          const n = r.u8();
          r.offset = r.end;
          return new Array(n * 64);
        }),
      );
      expect(report.oversizedAllocations).toBeGreaterThan(0);
    });

    it('a read past the end of its range', () => {
      const report = fuzz(
        2_000,
        broken((r) => {
          const past = r.bytes[r.end];
          r.offset = r.end;
          return past;
        }),
      );
      expect(report.outOfRangeReads).toBeGreaterThan(0);
    });
  });
});
