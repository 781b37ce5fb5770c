import { asciiString, isAscii, utf8String } from './_utf8.js';
import { DecodeError, type DecodeErrorOptions } from './decodeError.js';
import { DEFAULT_MAX_LENGTH } from './writer.js';

/**
 * Decodes values from `bytes[offset, end)` in place, with no copy: a game can decode the
 * payload inside a received datagram directly. Reuse one `Reader` per socket with
 * `reset(bytes, offset, end)`; the `DataView` is made again only when the buffer changes.
 *
 * Hostile bytes are safe: no read goes past `end`; a length prefix is checked against its
 * cap and against the bytes that remain before anything is allocated; over-long varints,
 * unknown tags and invalid UTF-8 are rejected. Every failure is a `DecodeError` with a
 * `code`, the byte `offset` and the field `path`.
 *
 * Generated decoders use the public fields directly: `take(n, path)` checks once that a
 * run of fixed-size fields is there and returns the offset to read them from.
 *
 * @example
 * ```ts
 * const reader = new Reader(new Uint8Array(0));
 * socket.on('message', (datagram) => {
 *   reader.reset(datagram, HEADER_BYTES, datagram.length);
 *   const id = reader.u16();
 *   const name = reader.string(32, 'name');
 *   reader.expectEnd();
 * });
 * ```
 */
export class Reader {
  /** The buffer read from. */
  bytes: Uint8Array;
  /** A `DataView` over `bytes`, made once per buffer. */
  view: DataView;
  /** Where the next byte is read (an index into `bytes`). */
  offset: number;
  /** Reading stops here: `bytes[end]` and after are never read. */
  end: number;

  /**
   * @param bytes - the buffer to read from.
   * @param offset - where reading starts. @default 0
   * @param end - where reading must stop. @default bytes.length
   */
  constructor(bytes: Uint8Array, offset = 0, end = bytes.length) {
    checkRange(bytes, offset, end);
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.offset = offset;
    this.end = end;
  }

  /**
   * Starts reading `bytes[offset, end)`; returns the reader.
   *
   * @example
   * ```ts
   * const snapshot = decodeSnapshot(reader.reset(datagram, 12, datagram.length));
   * ```
   */
  reset(bytes: Uint8Array, offset = 0, end = bytes.length): this {
    checkRange(bytes, offset, end);
    if (bytes !== this.bytes) {
      this.bytes = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    this.offset = offset;
    this.end = end;
    return this;
  }

  /** Bytes left before `end`. @example `if (reader.remaining === 0) break;` */
  get remaining(): number {
    return this.end - this.offset;
  }

  /**
   * Checks that `n` bytes remain, advances past them and returns where they start; throws
   * `DecodeError` `TRUNCATED` (naming `path`) otherwise.
   *
   * @example
   * ```ts
   * const p = reader.take(6, 'id');
   * const id = reader.view.getUint16(p, true);
   * const x = reader.view.getFloat32(p + 2, true);
   * ```
   */
  take(n: number, path = ''): number {
    const p = this.offset;
    if (this.end - p < n) throw this.truncated(p, n, path);
    this.offset = p + n;
    return p;
  }

  /** Reads one unsigned byte. @example `const health = reader.u8('health');` */
  u8(path = ''): number {
    return this.bytes[this.take(1, path)]!;
  }
  /** Reads an unsigned 16-bit little-endian integer. @example `reader.u16('id')` */
  u16(path = ''): number {
    return this.view.getUint16(this.take(2, path), true);
  }
  /** Reads an unsigned 32-bit little-endian integer. @example `reader.u32('tick')` */
  u32(path = ''): number {
    return this.view.getUint32(this.take(4, path), true);
  }
  /** Reads a two's-complement byte. @example `reader.i8('dx')` */
  i8(path = ''): number {
    return this.view.getInt8(this.take(1, path));
  }
  /** Reads a signed 16-bit little-endian integer. @example `reader.i16('dy')` */
  i16(path = ''): number {
    return this.view.getInt16(this.take(2, path), true);
  }
  /** Reads a signed 32-bit little-endian integer. @example `reader.i32('delta')` */
  i32(path = ''): number {
    return this.view.getInt32(this.take(4, path), true);
  }
  /** Reads an IEEE 754 single, little-endian. @example `reader.f32('x')` */
  f32(path = ''): number {
    return this.view.getFloat32(this.take(4, path), true);
  }
  /** Reads an IEEE 754 double, little-endian. @example `reader.f64('time')` */
  f64(path = ''): number {
    return this.view.getFloat64(this.take(8, path), true);
  }
  /** Reads an unsigned 64-bit little-endian integer. @example `reader.u64('account')` */
  u64(path = ''): bigint {
    return this.view.getBigUint64(this.take(8, path), true);
  }
  /** Reads a signed 64-bit little-endian integer. @example `reader.i64('balance')` */
  i64(path = ''): bigint {
    return this.view.getBigInt64(this.take(8, path), true);
  }
  /** Reads a byte that must be 0 or 1 (other values: `RESERVED_BITS`). @example `reader.bool('ready')` */
  bool(path = ''): boolean {
    const p = this.take(1, path);
    const v = this.bytes[p]!;
    if (v > 1)
      throw this.fail({ code: 'RESERVED_BITS', offset: p, path, detail: `boolean byte ${v}` });
    return v === 1;
  }

  /**
   * Reads an unsigned LEB128 varint of at most 5 bytes and 32 bits. Rejects (with
   * `VARINT_OVERLONG`) encodings longer than 5 bytes, values over 2^32 − 1 and non-minimal
   * encodings (a trailing `00` byte), so every value has exactly one encoding.
   *
   * @example
   * ```ts
   * reader.reset(new Uint8Array([0xac, 0x02])).varint(); // 300
   * ```
   */
  varint(path = ''): number {
    const b = this.bytes;
    const start = this.offset;
    let p = start;
    const end = this.end;
    if (p < end) {
      const first = b[p]!;
      if (first < 0x80) {
        this.offset = p + 1;
        return first;
      }
    }
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (p >= end) throw this.truncated(start, p - start + 1, path);
      const byte = b[p++]!;
      if (shift === 28 && byte > 0x0f) {
        throw this.fail({
          code: 'VARINT_OVERLONG',
          offset: start,
          path,
          detail: 'varint over 32 bits',
        });
      }
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) {
        if (byte === 0 && shift > 0) {
          throw this.fail({
            code: 'VARINT_OVERLONG',
            offset: start,
            path,
            detail: 'varint is not minimal (ends in 00)',
          });
        }
        this.offset = p;
        return result;
      }
    }
    throw this.fail({
      code: 'VARINT_OVERLONG',
      offset: start,
      path,
      detail: 'varint over 5 bytes',
    });
  }

  /**
   * Reads a zig-zag varint as a signed 32-bit integer.
   *
   * @example
   * ```ts
   * reader.reset(new Uint8Array([0x7f])).zigzag(); // -64
   * ```
   */
  zigzag(path = ''): number {
    const n = this.varint(path);
    return (n >>> 1) ^ -(n & 1);
  }

  /**
   * Reads a length prefix (varint) and checks it before anything is allocated: over `max` is
   * `LENGTH_OVER_CAP`; more items than the remaining bytes can hold at `minItemBytes` each is
   * `TRUNCATED`.
   *
   * @param max - the largest allowed length.
   * @param minItemBytes - the fewest bytes one item takes on the wire (may be fractional, such
   *   as 1/8 for bit-packed booleans, or 0). @default 1
   * @param path - the field path named in errors. @default ''
   *
   * @example
   * ```ts
   * const n = reader.length(64, 19, 'entities');
   * const entities = new Array<Entity>(n);
   * ```
   */
  length(max: number, minItemBytes = 1, path = ''): number {
    const start = this.offset;
    const n = this.varint(path);
    if (n > max) {
      throw this.fail({
        code: 'LENGTH_OVER_CAP',
        offset: start,
        path,
        detail: `length ${n} > cap ${max}`,
      });
    }
    const needed = Math.ceil(n * minItemBytes);
    if (needed > this.end - this.offset) throw this.truncated(start, needed, path);
    return n;
  }

  /**
   * Reads a varint UTF-8 byte length and the string. Short ASCII strings are built with one
   * `String.fromCharCode` call; anything else goes through a fatal `TextDecoder`.
   *
   * @param maxBytes - the largest allowed UTF-8 length. @default DEFAULT_MAX_LENGTH (1024)
   * @param path - the field path named in errors. @default ''
   *
   * @example
   * ```ts
   * const name = reader.string(32, 'name');
   * ```
   */
  string(maxBytes = DEFAULT_MAX_LENGTH, path = ''): string {
    // Fast path, small enough to be inlined: a one-byte length and at most 16 ASCII bytes.
    const b = this.bytes;
    const start = this.offset;
    const n = start < this.end ? b[start]! : 0xff;
    if (n <= 16 && n <= maxBytes && start + 1 + n <= this.end) {
      const p = start + 1;
      if (isAscii(b, p, n)) {
        this.offset = p + n;
        return asciiString(b, p, n);
      }
    }
    return this.stringSlow(maxBytes, path);
  }

  private stringSlow(maxBytes: number, path: string): string {
    const n = this.length(maxBytes, 1, path);
    const b = this.bytes;
    const p = this.offset;
    this.offset = p + n;
    if (n <= 64 && isAscii(b, p, n)) return asciiString(b, p, n);
    const s = utf8String(b, p, n);
    if (s === undefined) {
      throw this.fail({
        code: 'INVALID_UTF8',
        offset: p,
        path,
        detail: `${n} bytes are not valid UTF-8`,
      });
    }
    return s;
  }

  /**
   * Reads a varint length and that many bytes, returned as a copy (the datagram buffer is
   * usually reused, so a view into it would change under the caller).
   *
   * @param maxBytes - the largest allowed length. @default DEFAULT_MAX_LENGTH (1024)
   * @param path - the field path named in errors. @default ''
   *
   * @example
   * ```ts
   * const blob = reader.byteArray(256, 'blob');
   * ```
   */
  byteArray(maxBytes = DEFAULT_MAX_LENGTH, path = ''): Uint8Array {
    const n = this.length(maxBytes, 1, path);
    const p = this.offset;
    this.offset = p + n;
    return this.bytes.slice(p, p + n);
  }

  /**
   * Throws `TRAILING_BYTES` unless everything up to `end` has been read: for a value that must
   * fill its payload exactly.
   *
   * @example
   * ```ts
   * const input = decodeInput(reader);
   * reader.expectEnd();
   * ```
   */
  expectEnd(path = ''): void {
    const left = this.end - this.offset;
    if (left !== 0) {
      throw this.fail({
        code: 'TRAILING_BYTES',
        offset: this.offset,
        path,
        detail: `${left} bytes after the end of the value`,
      });
    }
  }

  /**
   * Builds a `DecodeError` for a failure found at `offset` (generated decoders call it for
   * unknown tags, reserved bits and out-of-range values); throw the result.
   *
   * @example
   * ```ts
   * throw reader.fail({ code: 'UNKNOWN_TAG', offset: p, path: 'kind', detail: `tag ${tag}` });
   * ```
   */
  fail(options: DecodeErrorOptions): DecodeError {
    return new DecodeError(options);
  }

  private truncated(offset: number, needed: number, path: string): DecodeError {
    return new DecodeError({
      code: 'TRUNCATED',
      offset,
      path,
      detail: `needs ${needed} bytes, ${this.end - offset} remain`,
    });
  }
}

function checkRange(bytes: Uint8Array, offset: number, end: number): void {
  if (
    !(
      Number.isInteger(offset) &&
      Number.isInteger(end) &&
      0 <= offset &&
      offset <= end &&
      end <= bytes.length
    )
  ) {
    throw new RangeError(`[${offset}, ${end}) is not a range inside ${bytes.length} bytes`);
  }
}
