import { Reader, Writer } from '@netstack/core/serialization';
import type { Codec } from '../codec.js';
import { decodeSnapshot, encodeSnapshot, maxSizeOfSnapshot } from '../snapshot.gen.js';
import type { Snapshot } from '../snapshot.js';

/** The code `netstack-codegen` generated from `snapshot.ts`, on a reused `Writer`/`Reader`. */
export function generatedCodec(): Codec {
  const writer = new Writer(new Uint8Array(maxSizeOfSnapshot));
  const reader = new Reader(writer.bytes);
  let length = 0;
  return {
    name: 'netstack-codegen',
    encode(snapshot) {
      writer.reset();
      encodeSnapshot(writer, snapshot);
      length = writer.offset;
      return length;
    },
    decode(): Snapshot {
      reader.reset(writer.bytes, 0, length);
      const snapshot = decodeSnapshot(reader);
      reader.expectEnd();
      return snapshot;
    },
  };
}
