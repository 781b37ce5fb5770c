/**
 * `@netstack/core/serialization`: the runtime that `netstack-codegen` output imports, also
 * usable by hand.
 *
 * @example
 * ```ts
 * import { Reader, Writer } from '@netstack/core/serialization';
 *
 * const writer = new Writer(new Uint8Array(64));
 * writer.varint(300);
 * const reader = new Reader(writer.written());
 * reader.varint(); // 300
 * ```
 * @module
 */
export { DecodeError, type DecodeErrorCode, type DecodeErrorOptions } from './decodeError.js';
export { EncodeError, type EncodeErrorCode, type EncodeErrorOptions } from './encodeError.js';
export { type NetstackOptions, netstack } from './netstackDecorator.js';
export { dequantize, quantize } from './quantize.js';
export { Reader } from './reader.js';
export type {
  f32,
  f64,
  i8,
  i16,
  i32,
  i64,
  quantized,
  u8,
  u16,
  u32,
  u64,
  varint,
  zigzag,
} from './widths.js';
export { DEFAULT_MAX_LENGTH, stringSize, varintSize, Writer } from './writer.js';
