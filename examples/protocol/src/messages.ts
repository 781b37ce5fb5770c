/**
 * The example game's messages. netstack-codegen turns these declarations into
 * `messages.gen.ts` (encoders, decoders, sizes, and a registry of message ids) in the
 * package's build step: `netstack-codegen src/messages.ts`.
 */
import type { quantized, u16, u32 } from '@netstack/core';

/** The arena is a square of this many metres; positions travel as 16-bit fractions of it. */
export const ARENA_SIZE = 100;

/** A position on one axis: 0 to 100 m in 65,535 steps of 1.5 mm. */
export type Coordinate = quantized<0, 100, 16>;

/**
 * What a player wants this tick: a direction, each axis from -1 to 1.
 * @netstack
 * @messageId 1
 */
export interface PlayerInput {
  /** The client's tick, for the server's statistics. */
  tick: u32;
  moveX: quantized<-1, 1, 8>;
  moveY: quantized<-1, 1, 8>;
}

/**
 * One player in a snapshot: the coordinates that changed since the baseline, or both
 * for a player the baseline did not have.
 * @netstack
 */
export interface PlayerDelta {
  id: u16;
  x?: Coordinate;
  y?: Coordinate;
}

/**
 * The world as one client sees it at `tick`: the changes since the snapshot of
 * `baselineTick`, which the client acknowledged, or everything when `baselineTick` is 0.
 * @netstack
 * @messageId 2
 */
export interface Snapshot {
  tick: u32;
  baselineTick: u32;
  /** The receiving client's own player. */
  yourId: u16;
  /** @maxItems 120 */
  changed: PlayerDelta[];
  /** Players in the baseline that are gone. @maxItems 120 */
  removed: u16[];
}
