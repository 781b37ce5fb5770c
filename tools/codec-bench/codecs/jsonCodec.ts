import type { Codec } from '../codec.js';
import type { Snapshot } from '../snapshot.js';

/** `JSON.stringify` written as UTF-8 into a reused buffer; `JSON.parse` of its text. */
export function jsonCodec(): Codec {
  const buffer = Buffer.alloc(65536);
  let length = 0;
  return {
    name: 'JSON',
    encode(snapshot) {
      length = buffer.write(JSON.stringify(snapshot), 0, 'utf8');
      return length;
    },
    decode() {
      return JSON.parse(buffer.toString('utf8', 0, length)) as Snapshot;
    },
  };
}
