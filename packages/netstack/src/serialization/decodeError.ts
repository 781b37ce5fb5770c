/**
 * Why a decode failed. Every failure of a `Reader` (and of generated decoders) is one of:
 *
 * | code                 | meaning                                                                      |
 * | -------------------- | ---------------------------------------------------------------------------- |
 * | `TRUNCATED`          | the value needs more bytes than remain before `end`                           |
 * | `VARINT_OVERLONG`    | a varint is longer than 5 bytes, overflows 32 bits, or is not minimal         |
 * | `LENGTH_OVER_CAP`    | a string, byte or array length is over its declared (or default) maximum     |
 * | `UNKNOWN_TAG`        | an enum ordinal, literal-union ordinal, union tag or message id is not known |
 * | `INVALID_UTF8`       | a string's bytes are not well-formed UTF-8                                    |
 * | `RESERVED_BITS`      | a flags byte has a bit set that no field uses                                 |
 * | `VALUE_OUT_OF_RANGE` | a quantized value is above `2^bits − 1`                                       |
 * | `TRAILING_BYTES`     | bytes remain after a value that must end exactly at `end`                     |
 */
export type DecodeErrorCode =
  | 'TRUNCATED'
  | 'VARINT_OVERLONG'
  | 'LENGTH_OVER_CAP'
  | 'UNKNOWN_TAG'
  | 'INVALID_UTF8'
  | 'RESERVED_BITS'
  | 'VALUE_OUT_OF_RANGE'
  | 'TRAILING_BYTES';

/** What a `DecodeError` is built from. */
export interface DecodeErrorOptions {
  /** Why decoding failed. */
  code: DecodeErrorCode;
  /** Byte offset (into the reader's `bytes`) where the offending item starts. */
  offset: number;
  /** Field path inside the decoded value, such as `entities[3].name`; `''` for the value itself. */
  path: string;
  /** What was found, such as `length 70 > cap 64`. */
  detail: string;
}

/**
 * The one error a `Reader` or a generated decoder throws for bad bytes: truncated, over-long,
 * over a cap, unknown tags, invalid UTF-8, trailing garbage. Bytes from the network should be
 * decoded inside a `try` that drops the datagram on `DecodeError` and counts it; anything else
 * thrown is a bug.
 *
 * @example
 * ```ts
 * try {
 *   const snapshot = decodeSnapshot(reader.reset(datagram, 12, datagram.length));
 * } catch (error) {
 *   if (!(error instanceof DecodeError)) throw error;
 *   stats.dropped[error.code]++; // e.g. 'TRUNCATED' at offset 40, path 'entities[3].name'
 * }
 * ```
 */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  /** Why decoding failed; see {@link DecodeErrorCode}. */
  readonly code: DecodeErrorCode;
  /** Byte offset (into the reader's `bytes`) where the offending item starts. */
  readonly offset: number;
  /** Field path inside the decoded value, such as `entities[3].name`; `''` for the value itself. */
  path: string;
  /** What was found, without the path and offset. */
  readonly detail: string;

  constructor(options: DecodeErrorOptions) {
    super(describe(options));
    this.code = options.code;
    this.offset = options.offset;
    this.path = options.path;
    this.detail = options.detail;
  }

  /**
   * Prefixes the path of a `DecodeError` thrown by a nested decoder with the segment of the
   * enclosing field (`entities[3]` + `name` → `entities[3].name`) and returns it; returns any
   * other thrown value unchanged. Generated decoders call it in their `catch` blocks.
   *
   * @example
   * ```ts
   * try { value.position = decodeVec3(r); } catch (e) { throw DecodeError.within(e, 'position'); }
   * ```
   */
  static within(error: unknown, segment: string): unknown {
    if (!(error instanceof DecodeError)) return error;
    const path = error.path;
    error.path =
      path === '' ? segment : path.startsWith('[') ? segment + path : `${segment}.${path}`;
    error.message = describe(error);
    return error;
  }
}

function describe(options: DecodeErrorOptions): string {
  const where = options.path === '' ? '' : ` at ${options.path}`;
  return `${options.code}${where} (byte ${options.offset}): ${options.detail}`;
}
