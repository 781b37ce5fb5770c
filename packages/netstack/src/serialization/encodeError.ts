/**
 * Why an encode failed. Encoding fails only for mistakes of the program, never for data
 * from the network:
 *
 * | code               | meaning                                                                  |
 * | ------------------ | ------------------------------------------------------------------------ |
 * | `BUFFER_TOO_SMALL` | the writer's buffer has no room; `needed` says how many bytes it must hold |
 * | `LENGTH_OVER_CAP`  | a string, byte array or array is longer than its maximum                  |
 * | `INVALID_VALUE`    | an enum, literal-union or union value that the schema does not list       |
 */
export type EncodeErrorCode = 'BUFFER_TOO_SMALL' | 'LENGTH_OVER_CAP' | 'INVALID_VALUE';

/** What an `EncodeError` is built from. */
export interface EncodeErrorOptions {
  /** Why encoding failed. */
  code: EncodeErrorCode;
  /** Field path inside the encoded value, `''` when unknown or for the value itself. */
  path: string;
  /** What was wrong. */
  detail: string;
  /** For `BUFFER_TOO_SMALL`: the buffer size, in bytes, that would have let this write succeed. */
  needed?: number;
}

/**
 * Thrown by a `Writer` or a generated encoder when the program asks for something that
 * cannot be encoded. It is a programming error, so it is thrown at once.
 *
 * For `BUFFER_TOO_SMALL`, `needed` is the buffer length that the failing write required
 * (a lower bound for the whole value: the generated `sizeOf…` function gives the exact size
 * and the generated `maxSizeOf…` constant an upper bound for any value).
 *
 * @example
 * ```ts
 * const writer = new Writer(new Uint8Array(maxSizeOfSnapshot)); // can never be too small
 * encodeSnapshot(writer, snapshot);
 * ```
 */
export class EncodeError extends Error {
  override readonly name = 'EncodeError';
  /** Why encoding failed; see {@link EncodeErrorCode}. */
  readonly code: EncodeErrorCode;
  /** Field path inside the encoded value, `''` when unknown. */
  readonly path: string;
  /** For `BUFFER_TOO_SMALL`: the buffer size that the failing write needed; otherwise `0`. */
  readonly needed: number;

  constructor(options: EncodeErrorOptions) {
    const where = options.path === '' ? '' : ` at ${options.path}`;
    super(`${options.code}${where}: ${options.detail}`);
    this.code = options.code;
    this.path = options.path;
    this.needed = options.needed ?? 0;
  }
}
