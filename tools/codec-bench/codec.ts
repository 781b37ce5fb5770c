import type { Snapshot } from './snapshot.js';

/**
 * One codec under test. `encode` writes the snapshot (into a buffer the codec reuses where the
 * library allows) and returns the byte count; `decode` decodes the bytes of the last `encode`
 * into an object a game can read.
 */
export interface Codec {
  /** Name printed in the table. */
  readonly name: string;
  /** Encodes `snapshot`, keeping the bytes for `decode`; returns their length. */
  encode(snapshot: Snapshot): number;
  /** Decodes the bytes of the last `encode`. */
  decode(): Snapshot;
}
