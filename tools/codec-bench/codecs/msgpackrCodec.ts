import { Packr } from 'msgpackr';
import type { Codec } from '../codec.js';
import type { Snapshot } from '../snapshot.js';

/** msgpackr with records and shared structures (one `Packr` for both directions). */
export function msgpackrCodec(): Codec {
  const packr = new Packr({ useRecords: true, structures: [] });
  let bytes: Uint8Array = new Uint8Array(0);
  return {
    name: 'msgpackr (records, shared structures)',
    encode(snapshot) {
      bytes = packr.pack(snapshot);
      return bytes.length;
    },
    decode() {
      return packr.unpack(bytes) as Snapshot;
    },
  };
}
