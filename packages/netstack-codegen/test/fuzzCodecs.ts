import type { FuzzCodec } from '@netstack/core/fuzzing';
import { Writer } from '@netstack/core/serialization';
import fc from 'fast-check';
import * as arb from './arbitraries.js';
import { fixtureCodecs } from './fixtureCodecs.js';

/**
 * Every decoder of the golden `game.gen.ts`, each with `perCodec` valid encodings of
 * random values (fast-check, seeded), for the codec fuzzer: this package's suite and
 * `pnpm fuzz --target codec` (tools/, through the workspace-only `./fuzz-codecs` export).
 */
export function fixtureFuzzCodecs(seed: number, perCodec = 16): FuzzCodec[] {
  const arbitraries: Record<string, fc.Arbitrary<unknown>> = {
    Vec3: arb.vec3(),
    Scalars: arb.scalars(),
    Player: arb.player(),
    Greeting: arb.greeting(),
    Extras: arb.extras(),
    Ping: arb.ping(),
    Empty: fc.constant({}),
    Shape: arb.shape(),
    Marker: arb.marker(),
    Message: fc.oneof(
      arb.player().map((value) => ({ type: 'Player', value })),
      arb.scalars().map((value) => ({ type: 'Scalars', value })),
    ),
  };
  const writer = new Writer(new Uint8Array(64 * 1024));
  return fixtureCodecs.map((codec) => ({
    name: codec.name,
    decode: codec.decode,
    samples: fc.sample(arbitraries[codec.name]!, { numRuns: perCodec, seed }).map((value) => {
      writer.reset();
      (codec.encode as (w: Writer, v: unknown) => void)(writer, value);
      return writer.written().slice();
    }),
  }));
}
