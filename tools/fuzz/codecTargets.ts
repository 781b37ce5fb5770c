import { fixtureFuzzCodecs } from '@netstack/codegen/fuzz-codecs';
import type { FuzzCodec } from '@netstack/core/fuzzing';
import { Writer } from '@netstack/core/serialization';
import {
  decodeEntity,
  decodeMessage,
  decodeSnapshot,
  encodeEntity,
  encodeMessage,
  encodeSnapshot,
} from '../codec-bench/snapshot.gen.js';
import { makeSnapshot } from '../codec-bench/snapshotData.js';

/**
 * Every generated decoder of the workspace's golden files: tools/codec-bench's snapshot
 * (entity, snapshot and the message registry) and packages/netstack-codegen's game
 * fixtures, each with valid encodings to mutate.
 */
export function codecTargets(seed: number): FuzzCodec[] {
  const writer = new Writer(new Uint8Array(64 * 1024));
  const encoded = (encode: (w: Writer) => void): Uint8Array => {
    writer.reset();
    encode(writer);
    return writer.written().slice();
  };
  const snapshots = Array.from({ length: 8 }, (_, i) => {
    const snapshot = makeSnapshot(seed + i);
    // Some short ones too, so mutants are not all 64 entities long.
    snapshot.entities = snapshot.entities.slice(0, [64, 1, 0, 3, 64, 17, 2, 64][i]);
    return snapshot;
  });
  return [
    {
      name: 'snapshot: Entity',
      decode: decodeEntity,
      samples: snapshots[0]!.entities.slice(0, 16).map((e) => encoded((w) => encodeEntity(w, e))),
    },
    {
      name: 'snapshot: Snapshot',
      decode: decodeSnapshot,
      samples: snapshots.map((s) => encoded((w) => encodeSnapshot(w, s))),
    },
    {
      name: 'snapshot: message',
      decode: decodeMessage,
      samples: snapshots.map((s) =>
        encoded((w) => encodeMessage(w, { type: 'Snapshot', value: s })),
      ),
    },
    ...fixtureFuzzCodecs(seed).map((codec) => ({ ...codec, name: `game: ${codec.name}` })),
  ];
}
