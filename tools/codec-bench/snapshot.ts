import type { f32, f64, quantized, u8, u16, u32 } from '@netstack/core/serialization';

/**
 * One entity of the benchmark snapshot.
 * @netstack
 */
export interface Entity {
  id: u16;
  x: f32;
  y: f32;
  z: f32;
  /** Radians, 0 … 2π in 16 bits (steps of ~0.0001 rad). */
  rotation: quantized<0, 6.283185307179586, 16>;
  health: u8;
  alive: boolean;
  visible: boolean;
  crouching: boolean;
  /** @maxLength 12 */
  name: string;
}

/**
 * The benchmark snapshot: a header and 64 entities.
 * @netstack
 * @messageId 1
 */
export interface Snapshot {
  tick: u32;
  serverTime: f64;
  /** @maxItems 64 */
  entities: Entity[];
}
