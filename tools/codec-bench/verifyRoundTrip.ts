import type { Snapshot } from './snapshot.js';

const ROTATION_TOLERANCE = 6.283185307179586 / 65535 / 2 + 1e-9;

/**
 * Throws unless `decoded` holds the same snapshot as `input`: every field equal, except the
 * rotation, which may differ by half a u16 quantization step (or by f32 rounding, for the
 * libraries that send it as a float).
 */
export function verifyRoundTrip(codec: string, input: Snapshot, decoded: Snapshot): void {
  const fail = (what: string, got: unknown, want: unknown) => {
    throw new Error(
      `${codec}: round trip changed ${what}: got ${String(got)}, want ${String(want)}`,
    );
  };
  if (decoded.tick !== input.tick) fail('tick', decoded.tick, input.tick);
  if (decoded.serverTime !== input.serverTime)
    fail('serverTime', decoded.serverTime, input.serverTime);
  if (decoded.entities.length !== input.entities.length)
    fail('entities.length', decoded.entities.length, input.entities.length);
  input.entities.forEach((want, i) => {
    const got = decoded.entities[i]!;
    for (const key of [
      'id',
      'x',
      'y',
      'z',
      'health',
      'alive',
      'visible',
      'crouching',
      'name',
    ] as const) {
      if (got[key] !== want[key]) fail(`entities[${i}].${key}`, got[key], want[key]);
    }
    if (!(Math.abs(got.rotation - want.rotation) <= ROTATION_TOLERANCE)) {
      fail(`entities[${i}].rotation`, got.rotation, want.rotation);
    }
  });
}
