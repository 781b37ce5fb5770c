import { fixtureFuzzCodecs } from '@netstack/codegen/fuzz-codecs';
import type { FuzzCodec } from '@netstack/core/fuzzing';
import { Writer } from '@netstack/core/serialization';
import * as example from 'example-protocol';
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
 * Every generated decoder of the workspace: tools/codec-bench's snapshot (entity, snapshot
 * and the message registry), the example game's messages (what the example server and
 * client decode from the network) and packages/netstack-codegen's golden game fixtures,
 * each with valid encodings to mutate.
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
    ...exampleTargets(encoded),
    ...fixtureFuzzCodecs(seed).map((codec) => ({ ...codec, name: `game: ${codec.name}` })),
  ];
}

/** The example game's decoders, with inputs and snapshots of several sizes to mutate. */
function exampleTargets(encoded: (encode: (w: Writer) => void) => Uint8Array): FuzzCodec[] {
  const inputs: example.PlayerInput[] = [0, 1, 2, 3].map((i) => ({
    tick: i * 1_000_003,
    moveX: [-1, 0, 1, 0.5][i]!,
    moveY: [1, 0, -1, -0.25][i]!,
  }));
  const snapshots: example.Snapshot[] = [0, 1, 5, 120].map((players, i) => ({
    tick: 100 + i,
    baselineTick: i === 0 ? 0 : 90 + i,
    yourId: 7,
    // Every shape of delta: both coordinates, one, or none (a player that did not move).
    changed: Array.from({ length: players }, (_, k) => ({
      id: k,
      ...(k % 4 !== 1 ? { x: (k * 37) % 101 } : {}),
      ...(k % 4 !== 2 ? { y: (k * 53) % 101 } : {}),
    })),
    removed: Array.from({ length: [0, 2, 0, 120][i]! }, (_, k) => 1000 + k),
  }));
  const messages: example.AnyMessage[] = [
    ...inputs.map((value) => ({ type: 'PlayerInput' as const, value })),
    ...snapshots.map((value) => ({ type: 'Snapshot' as const, value })),
  ];
  return [
    {
      name: 'example: PlayerInput',
      decode: example.decodePlayerInput,
      samples: inputs.map((v) => encoded((w) => example.encodePlayerInput(w, v))),
    },
    {
      name: 'example: Snapshot',
      decode: example.decodeSnapshot,
      samples: snapshots.map((v) => encoded((w) => example.encodeSnapshot(w, v))),
    },
    {
      name: 'example: message',
      decode: example.decodeMessage,
      samples: messages.map((m) => encoded((w) => example.encodeMessage(w, m))),
    },
  ];
}
