import { utf8Length, writeUtf8 } from './_utf8.js';
import { EncodeError } from './encodeError.js';

/** Strings, byte arrays and arrays longer than this need an explicit `@maxLength`/`@maxItems`. */
export const DEFAULT_MAX_LENGTH = 1024;

/**
 * Encodes values into a buffer the caller owns: little-endian fixed widths, LEB128 varints,
 * zig-zag for signed varints, UTF-8 strings with a varint byte length. Reuse one `Writer`
 * (and its buffer) for every packet: after `reset()` nothing it does allocates.
 *
 * When the buffer has no room the write throws an `EncodeError` with code `BUFFER_TOO_SMALL`
 * and `needed` set to the buffer size the write required; the buffer never grows. Size the
 * buffer with a generated `maxSizeOf…` constant (or `sizeOf…(value)`) to rule this out.
 *
 * Generated encoders use the public fields directly: `reserve(n)` checks room for a run of
 * fixed-size fields once and returns the offset at which to write them into `bytes`/`view`.
 *
 * @example
 * ```ts
 * const writer = new Writer(new Uint8Array(1200));
 * writer.reset();
 * writer.u16(7);
 * writer.string('hello');
 * socket.send(writer.bytes.subarray(0, writer.offset));
 * ```
 */
export class Writer {
  /** The buffer written into. */
  bytes: Uint8Array;
  /** A `DataView` over `bytes`, made once per buffer. */
  view: DataView;
  /** Where the next byte goes (an index into `bytes`). */
  offset: number;

  /**
   * @param bytes - the buffer to write into; it is never replaced or grown.
   * @param offset - where writing starts. @default 0
   */
  constructor(bytes: Uint8Array, offset = 0) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.offset = checkedOffset(bytes, offset);
  }

  /**
   * Starts over at `offset`, optionally on another buffer (the `DataView` is made again only
   * when the buffer changes). Returns the writer.
   *
   * @example
   * ```ts
   * writer.reset(); // write the next packet into the same buffer
   * ```
   */
  reset(bytes: Uint8Array = this.bytes, offset = 0): this {
    if (bytes !== this.bytes) {
      this.bytes = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    this.offset = checkedOffset(bytes, offset);
    return this;
  }

  /**
   * The bytes written since `start` (default 0), as a view on the buffer (no copy).
   *
   * @example
   * ```ts
   * socket.send(writer.written());
   * ```
   */
  written(start = 0): Uint8Array {
    return this.bytes.subarray(start, this.offset);
  }

  /**
   * Checks that `n` more bytes fit, advances `offset` past them and returns where they start.
   * Throws `EncodeError` `BUFFER_TOO_SMALL` when they do not fit.
   *
   * @example
   * ```ts
   * const p = writer.reserve(6);
   * writer.view.setUint16(p, id, true);
   * writer.view.setFloat32(p + 2, x, true);
   * ```
   */
  reserve(n: number): number {
    const p = this.offset;
    if (p + n > this.bytes.length) throw tooSmall(this.bytes.length, p + n);
    this.offset = p + n;
    return p;
  }

  /**
   * `reserve(n)` without the capacity check, for code that has already checked room for a
   * whole value: generated encoders call it after checking that `maxSizeOf…` bytes fit.
   * Writing past the end of `bytes` is lost (typed arrays ignore it), so check first.
   *
   * @example
   * ```ts
   * if (writer.bytes.length - writer.offset >= 6) {
   *   const p = writer.reserveUnchecked(6);
   *   writer.view.setUint16(p, id, true);
   *   writer.view.setFloat32(p + 2, x, true);
   * }
   * ```
   */
  reserveUnchecked(n: number): number {
    const p = this.offset;
    this.offset = p + n;
    return p;
  }

  /** Writes one byte (the low 8 bits of `v`). @example `writer.u8(255)` */
  u8(v: number): void {
    this.bytes[this.reserve(1)] = v;
  }
  /** Writes the low 16 bits of `v`, little-endian. @example `writer.u16(65535)` */
  u16(v: number): void {
    this.view.setUint16(this.reserve(2), v, true);
  }
  /** Writes the low 32 bits of `v`, little-endian. @example `writer.u32(tick)` */
  u32(v: number): void {
    this.view.setUint32(this.reserve(4), v, true);
  }
  /** Writes `v` as a two's-complement byte. @example `writer.i8(-1)` */
  i8(v: number): void {
    this.view.setInt8(this.reserve(1), v);
  }
  /** Writes `v` as 16-bit two's complement, little-endian. @example `writer.i16(-300)` */
  i16(v: number): void {
    this.view.setInt16(this.reserve(2), v, true);
  }
  /** Writes `v` as 32-bit two's complement, little-endian. @example `writer.i32(-70000)` */
  i32(v: number): void {
    this.view.setInt32(this.reserve(4), v, true);
  }
  /** Writes `v` as an IEEE 754 single, little-endian. @example `writer.f32(0.5)` */
  f32(v: number): void {
    this.view.setFloat32(this.reserve(4), v, true);
  }
  /** Writes `v` as an IEEE 754 double, little-endian. @example `writer.f64(performance.now())` */
  f64(v: number): void {
    this.view.setFloat64(this.reserve(8), v, true);
  }
  /** Writes `v` modulo 2^64, little-endian. @example `writer.u64(2n ** 63n)` */
  u64(v: bigint): void {
    this.view.setBigUint64(this.reserve(8), v, true);
  }
  /** Writes `v` as 64-bit two's complement, little-endian. @example `writer.i64(-1n)` */
  i64(v: bigint): void {
    this.view.setBigInt64(this.reserve(8), v, true);
  }
  /** Writes `1` for true and `0` for false. @example `writer.bool(true)` */
  bool(v: boolean): void {
    this.bytes[this.reserve(1)] = v ? 1 : 0;
  }

  /**
   * Writes `v` (taken modulo 2^32) as an unsigned LEB128 varint of 1–5 bytes.
   *
   * @example
   * ```ts
   * writer.varint(300); // ac 02
   * ```
   */
  varint(v: number): void {
    v >>>= 0;
    let p = this.offset;
    const b = this.bytes;
    if (p + 5 > b.length && p + varintSize(v) > b.length) {
      throw tooSmall(b.length, p + varintSize(v));
    }
    while (v > 0x7f) {
      b[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    b[p++] = v;
    this.offset = p;
  }

  /**
   * Writes a signed 32-bit `v` zig-zag mapped, as a varint (−1 → `01`, 1 → `02`).
   *
   * @example
   * ```ts
   * writer.zigzag(-64); // 7f
   * ```
   */
  zigzag(v: number): void {
    this.varint((v << 1) ^ (v >> 31));
  }

  /**
   * Writes a length prefix (varint) after checking it against `max`; throws `EncodeError`
   * `LENGTH_OVER_CAP` (with `path`) when it is over.
   *
   * @example
   * ```ts
   * writer.length(items.length, 64, 'items');
   * ```
   */
  length(n: number, max: number, path = ''): void {
    if (n > max) throw overCap(path, `length ${n} > max ${max}`);
    this.varint(n);
  }

  /**
   * Writes `s` as a varint UTF-8 byte length and the UTF-8 bytes. ASCII strings take a fast
   * path that copies character codes directly. Throws `EncodeError` `LENGTH_OVER_CAP` when
   * the UTF-8 length is over `maxBytes`.
   *
   * @param maxBytes - the largest allowed UTF-8 length. @default DEFAULT_MAX_LENGTH (1024)
   * @param path - the field path named in errors. @default ''
   *
   * @example
   * ```ts
   * writer.string('héllo', 32, 'name'); // 06 68 c3 a9 6c 6c 6f
   * ```
   */
  string(s: string, maxBytes = DEFAULT_MAX_LENGTH, path = ''): void {
    // Room for the ASCII fast path (a one-byte length, a byte per character): take it.
    if (this.offset + 1 + s.length <= this.bytes.length) this.stringUnchecked(s, maxBytes, path);
    else this.stringSlow(s, maxBytes, path);
  }

  /**
   * `string` without the capacity check, for code that has already checked room for
   * `varintSize(maxBytes) + maxBytes` bytes (generated encoders, via `maxSizeOf…`). The cap is
   * still checked: `EncodeError` `LENGTH_OVER_CAP` when the UTF-8 length is over `maxBytes`.
   *
   * @example
   * ```ts
   * if (writer.bytes.length - writer.offset >= 1 + 12) writer.stringUnchecked(name, 12, 'name');
   * ```
   */
  stringUnchecked(s: string, maxBytes: number, path: string): void {
    const n = s.length;
    const b = this.bytes;
    const start = this.offset;
    if (n <= maxBytes && n < 0x80) {
      b[start] = n;
      let p = start + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        b[p++] = c;
      }
      if (i === n) {
        this.offset = p;
        return;
      }
    }
    this.stringSlow(s, maxBytes, path);
  }

  /** `string` for what its fast path does not cover: non-ASCII, 128+ characters, a full buffer. */
  private stringSlow(s: string, maxBytes: number, path: string): void {
    const b = this.bytes;
    const start = this.offset;
    const bytes = utf8Length(s);
    if (bytes > maxBytes) throw overCap(path, `UTF-8 length ${bytes} > max ${maxBytes}`);
    this.varint(bytes);
    const p = this.offset;
    if (p + bytes > b.length) {
      this.offset = start;
      throw tooSmall(b.length, p + bytes);
    }
    this.offset = writeUtf8(s, b, p);
  }

  /**
   * Writes `v` as a varint length and the bytes themselves. Throws `EncodeError`
   * `LENGTH_OVER_CAP` when `v` is longer than `maxBytes`.
   *
   * @param maxBytes - the largest allowed length. @default DEFAULT_MAX_LENGTH (1024)
   * @param path - the field path named in errors. @default ''
   *
   * @example
   * ```ts
   * writer.byteArray(new Uint8Array([1, 2, 3])); // 03 01 02 03
   * ```
   */
  byteArray(v: Uint8Array, maxBytes = DEFAULT_MAX_LENGTH, path = ''): void {
    const n = v.length;
    if (n > maxBytes) throw overCap(path, `length ${n} > max ${maxBytes}`);
    const needed = this.offset + varintSize(n) + n;
    if (needed > this.bytes.length) throw tooSmall(this.bytes.length, needed);
    this.varint(n);
    this.bytes.set(v, this.reserve(n));
  }
}

/** Bytes the unsigned LEB128 varint of `v` (0 … 2^32 − 1) takes: 1 to 5. @example `varintSize(300) // 2` */
export function varintSize(v: number): number {
  v >>>= 0;
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

/**
 * Bytes a string field takes on the wire: its varint UTF-8 length plus the UTF-8 bytes.
 *
 * @example
 * ```ts
 * stringSize('héllo'); // 7
 * ```
 */
export function stringSize(s: string): number {
  const bytes = utf8Length(s);
  return varintSize(bytes) + bytes;
}

function checkedOffset(bytes: Uint8Array, offset: number): number {
  if (!Number.isInteger(offset) || offset < 0 || offset > bytes.length) {
    throw new RangeError(`offset ${offset} is outside the buffer of ${bytes.length} bytes`);
  }
  return offset;
}

function tooSmall(length: number, needed: number): EncodeError {
  return new EncodeError({
    code: 'BUFFER_TOO_SMALL',
    path: '',
    detail: `the buffer holds ${length} bytes, the write needs ${needed}`,
    needed,
  });
}

function overCap(path: string, detail: string): EncodeError {
  return new EncodeError({ code: 'LENGTH_OVER_CAP', path, detail });
}
