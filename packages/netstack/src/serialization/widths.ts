/**
 * Width aliases: field types that tell `netstack-codegen` how many bytes a value takes on
 * the wire. At run time each is a plain `number` (or `bigint`), so values need no wrapping.
 *
 * | alias     | wire                                   | range                          |
 * | --------- | -------------------------------------- | ------------------------------ |
 * | `u8`      | 1 byte                                 | 0 … 255                        |
 * | `u16`     | 2 bytes, little-endian                 | 0 … 65,535                     |
 * | `u32`     | 4 bytes, little-endian                 | 0 … 4,294,967,295              |
 * | `i8`      | 1 byte, two's complement               | −128 … 127                     |
 * | `i16`     | 2 bytes, little-endian                 | −32,768 … 32,767               |
 * | `i32`     | 4 bytes, little-endian                 | −2^31 … 2^31 − 1               |
 * | `f32`     | 4 bytes, IEEE 754 single, little-endian| rounded to single precision    |
 * | `f64`     | 8 bytes, IEEE 754 double, little-endian| exact (the default for `number`)|
 * | `varint`  | 1–5 bytes, unsigned LEB128             | 0 … 2^32 − 1                   |
 * | `zigzag`  | 1–5 bytes, zig-zag then LEB128         | −2^31 … 2^31 − 1               |
 * | `u64`     | 8 bytes, little-endian (`bigint`)      | 0 … 2^64 − 1                   |
 * | `i64`     | 8 bytes, little-endian (`bigint`)      | −2^63 … 2^63 − 1               |
 *
 * Encoders do not range-check integers: like a typed array, they keep the low bits
 * (a `u8` field holding 300 is sent as 44). A plain `number` field is sent as `f64`.
 *
 * @example
 * ```ts
 * import type { f32, u16, varint } from '@netstack/core';
 *
 * /** @netstack *\/
 * export interface Entity {
 *   id: u16;
 *   x: f32;
 *   score: varint;
 * }
 * ```
 * @module
 */

/** Unsigned 8-bit integer, 1 byte. @example `health: u8` */
export type u8 = number;
/** Unsigned 16-bit integer, 2 bytes little-endian. @example `id: u16` */
export type u16 = number;
/** Unsigned 32-bit integer, 4 bytes little-endian. @example `tick: u32` */
export type u32 = number;
/** Signed 8-bit integer, 1 byte two's complement. @example `dx: i8` */
export type i8 = number;
/** Signed 16-bit integer, 2 bytes little-endian. @example `dy: i16` */
export type i16 = number;
/** Signed 32-bit integer, 4 bytes little-endian. @example `delta: i32` */
export type i32 = number;
/** IEEE 754 single precision, 4 bytes little-endian. @example `x: f32` */
export type f32 = number;
/** IEEE 754 double precision, 8 bytes little-endian; also what a plain `number` means. @example `time: f64` */
export type f64 = number;
/**
 * Unsigned LEB128 varint, 1–5 bytes, for integers 0 … 2^32 − 1 (small values are short:
 * below 128 it takes one byte). Larger values are not representable; use `u64` for those.
 * @example `score: varint`
 */
export type varint = number;
/**
 * Signed integer −2^31 … 2^31 − 1, zig-zag mapped (0, −1, 1, −2, … → 0, 1, 2, 3, …) and then
 * written as an unsigned LEB128 varint, so small magnitudes of either sign are short.
 * @example `velocity: zigzag`
 */
export type zigzag = number;
/** Unsigned 64-bit integer as a `bigint`, 8 bytes little-endian. @example `accountId: u64` */
export type u64 = bigint;
/** Signed 64-bit integer as a `bigint`, 8 bytes little-endian. @example `balance: i64` */
export type i64 = bigint;

/**
 * A float in `[Min, Max]` sent as an unsigned integer of `Bits` bits (1–32), stored in
 * `ceil(Bits / 8)` bytes little-endian. Encoding clamps to the range (NaN becomes `Min`)
 * and rounds to the nearest of the `2^Bits` evenly spaced steps, so the error is at most
 * half a step: `(Max − Min) / (2^Bits − 1) / 2`.
 *
 * @example
 * ```ts
 * /** @netstack *\/
 * export interface Pose {
 *   rotation: quantized<0, 6.2832, 16>; // 2 bytes, steps of ~0.0001 rad
 * }
 * ```
 */
export type quantized<Min extends number, Max extends number, Bits extends number> = [
  Min,
  Max,
  Bits,
] extends [number, number, number]
  ? number
  : never;
