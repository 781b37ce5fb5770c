import type { Entity, Snapshot } from './snapshot.js';

const TAU = 6.283185307179586;
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_';

/** A small seeded PRNG (mulberry32), so every run encodes the same snapshot. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The benchmark's game snapshot: 64 entities with a u16 id, three f32 positions, a rotation
 * that is already a multiple of the u16 quantization step, a u8 health, three booleans and an
 * ASCII name of 6–12 characters; a u32 tick and an f64 server time.
 */
export function makeSnapshot(seed = 1): Snapshot {
  const next = random(seed);
  const entities: Entity[] = [];
  for (let i = 0; i < 64; i++) {
    const nameLength = 6 + Math.floor(next() * 7);
    let name = '';
    for (let k = 0; k < nameLength; k++) name += LETTERS[Math.floor(next() * LETTERS.length)];
    entities.push({
      id: 1000 + i * 17,
      x: Math.fround((next() - 0.5) * 2000),
      y: Math.fround(next() * 100),
      z: Math.fround((next() - 0.5) * 2000),
      rotation: Math.floor(next() * 65536) * (TAU / 65535),
      health: Math.floor(next() * 101),
      alive: next() < 0.9,
      visible: next() < 0.7,
      crouching: next() < 0.2,
      name,
    });
  }
  return { tick: 123456, serverTime: 4567.891234, entities };
}
