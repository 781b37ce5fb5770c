/**
 * The integer that stands for `v` in a `quantized<min, max, bits>` field: `v` clamped to
 * `[min, max]` (NaN becomes `min`) and rounded to the nearest of the `2^bits` evenly spaced
 * steps. Generated encoders call it with constant arguments.
 *
 * @example
 * ```ts
 * quantize(Math.PI, 0, 2 * Math.PI, 16); // 32768
 * ```
 */
export function quantize(v: number, min: number, max: number, bits: number): number {
  const steps = 2 ** bits - 1;
  // Not Math.min/max: those keep NaN, and NaN must become `min`.
  // biome-ignore lint/complexity/useMathMinMax: NaN handling, see above
  const clamped = v > min ? (v < max ? v : max) : min;
  return Math.round((clamped - min) * (steps / (max - min)));
}

/**
 * The value a quantized integer `q` stands for: `min + q × (max − min) / (2^bits − 1)`.
 *
 * @example
 * ```ts
 * dequantize(32768, 0, 2 * Math.PI, 16); // ≈ 3.14164
 * ```
 */
export function dequantize(q: number, min: number, max: number, bits: number): number {
  return min + q * ((max - min) / (2 ** bits - 1));
}
