import { CodecFuzzer, formatCodecReport } from '@netstack/core/fuzzing';
import { describe, expect, it } from 'vitest';
import { codecTargets } from './codecTargets.js';

/**
 * The suite's codec fuzz run over codec-bench's generated decoders and the example game's
 * (the golden game fixtures' run is in packages/netstack-codegen's suite);
 * `pnpm fuzz --target codec` runs any number over all of them.
 */
const seed = Number(process.env.NETSTACK_FUZZ_SEED ?? 20_251_131);

describe("codec fuzzing of codec-bench's and the example game's generated decoders", () => {
  it('meets 100,000 random and mutated inputs with values or DecodeError only', () => {
    const codecs = codecTargets(seed).filter((codec) => !codec.name.startsWith('game'));
    expect(codecs.map((codec) => codec.name)).toEqual([
      'snapshot: Entity',
      'snapshot: Snapshot',
      'snapshot: message',
      'example: PlayerInput',
      'example: Snapshot',
      'example: message',
    ]);
    const report = new CodecFuzzer({ seed, count: 100_000, codecs }).run();
    console.log(formatCodecReport(report));

    expect(report.findings).toEqual([]);
    expect(report.crashes).toBe(0);
    expect(report.outOfRangeReads).toBe(0);
    expect(report.oversizedAllocations).toBe(0);
    expect(report.slowInputs).toBe(0);
    for (const [name, counts] of Object.entries(report.perCodec)) {
      expect(counts.decoded, name).toBeGreaterThan(1_000);
      expect(counts.inputs - counts.decoded, name).toBeGreaterThan(10_000);
    }
  });
});
