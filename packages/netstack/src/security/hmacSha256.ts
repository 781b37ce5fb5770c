import { sha256 } from '@noble/hashes/sha2.js';
import { SHA256_INITIAL_STATE, sha256Compress } from './sha256Compress.js';

const BLOCK_BYTES = 64;
const DIGEST_WORDS = 8;
/** Scratch shared by every instance: JavaScript runs one call at a time, and no call keeps it. */
const w = new Int32Array(64);
const state = new Int32Array(DIGEST_WORDS);

/**
 * HMAC-SHA256 (RFC 2104) over `prefix words || data[0, length)`, with the key schedule
 * done once in the constructor: each MAC afterwards costs only the compressions of the
 * message plus one for the outer hash, copies no bytes and allocates nothing.
 *
 * The prefix carries what the MAC must cover but the wire does not (the full 64-bit
 * sequence numbers); the caller writes `prefix` before each call.
 *
 * @example
 * ```ts
 * const mac = new HmacSha256(key, 4);
 * mac.prefix[0] = sequenceHigh; // ...
 * mac.compute(packet, bodyLength);
 * mac.writeTag(packet, bodyLength, 16);
 * ```
 */
export class HmacSha256 {
  /** Words hashed before the data; written by the caller before each `compute`. */
  readonly prefix: Int32Array;
  /** The last result of `compute`, as eight big-endian words. */
  readonly digest = new Int32Array(DIGEST_WORDS);
  private readonly innerStart = new Int32Array(DIGEST_WORDS);
  private readonly outerStart = new Int32Array(DIGEST_WORDS);

  constructor(key: Uint8Array, prefixWords: number) {
    this.prefix = new Int32Array(prefixWords);
    const block = new Uint8Array(BLOCK_BYTES);
    block.set(key.length > BLOCK_BYTES ? sha256(key) : key);
    padKeyInto(this.innerStart, block, 0x36);
    padKeyInto(this.outerStart, block, 0x5c);
    block.fill(0);
  }

  /** Computes the MAC of `prefix || data[0, length)` into `digest`. */
  compute(data: Uint8Array, length: number): void {
    const prefixWords = this.prefix.length;
    const messageBytes = prefixWords * 4 + length;
    const blocks = ((messageBytes + 8) >>> 6) + 1;
    const bitLength = (BLOCK_BYTES + messageBytes) * 8;
    state.set(this.innerStart);
    let word = 0;
    for (let block = 0; block < blocks; block++) {
      const last = block === blocks - 1;
      const words = last ? 14 : 16;
      for (let t = 0; t < words; t++, word++) {
        if (word < prefixWords) {
          w[t] = this.prefix[word]!;
          continue;
        }
        const p = (word - prefixWords) * 4;
        w[t] =
          p + 4 <= length
            ? (data[p]! << 24) | (data[p + 1]! << 16) | (data[p + 2]! << 8) | data[p + 3]!
            : paddedTailWord(data, length, p);
      }
      if (last) {
        w[14] = Math.floor(bitLength / 0x100000000);
        w[15] = bitLength | 0;
      }
      sha256Compress(state, w);
    }
    for (let t = 0; t < DIGEST_WORDS; t++) w[t] = state[t]!;
    w[8] = 0x80000000 | 0;
    for (let t = 9; t < 15; t++) w[t] = 0;
    w[15] = (BLOCK_BYTES + DIGEST_WORDS * 4) * 8;
    this.digest.set(this.outerStart);
    sha256Compress(this.digest, w);
  }

  /** Writes the first `tagBytes` (a multiple of 4, at most 32) of `digest` at `out[offset]`. */
  writeTag(out: Uint8Array, offset: number, tagBytes: number): void {
    for (let i = 0; i < tagBytes >>> 2; i++) {
      const v = this.digest[i]!;
      const o = offset + i * 4;
      out[o] = v >>> 24;
      out[o + 1] = v >>> 16;
      out[o + 2] = v >>> 8;
      out[o + 3] = v;
    }
  }

  /**
   * Whether `bytes[offset, offset + tagBytes)` equals the first `tagBytes` of `digest`.
   * Constant time: every word is compared, whatever the first difference.
   */
  tagMatches(bytes: Uint8Array, offset: number, tagBytes: number): boolean {
    let difference = 0;
    for (let i = 0; i < tagBytes >>> 2; i++) {
      const o = offset + i * 4;
      const got = (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!;
      difference |= got ^ this.digest[i]!;
    }
    return difference === 0;
  }
}

/** The hash state after one block of `key ^ pad` (the key schedule of RFC 2104). */
function padKeyInto(out: Int32Array, keyBlock: Uint8Array, pad: number): void {
  for (let t = 0; t < 16; t++) {
    const p = t * 4;
    w[t] =
      ((keyBlock[p]! ^ pad) << 24) |
      ((keyBlock[p + 1]! ^ pad) << 16) |
      ((keyBlock[p + 2]! ^ pad) << 8) |
      (keyBlock[p + 3]! ^ pad);
  }
  out.set(SHA256_INITIAL_STATE);
  sha256Compress(out, w);
}

/** The word at data offset `p` of the message after SHA-256 padding: data, then 0x80, then zeros. */
function paddedTailWord(data: Uint8Array, length: number, p: number): number {
  let value = 0;
  for (let i = 0; i < 4; i++) {
    const q = p + i;
    const byte = q < length ? data[q]! : q === length ? 0x80 : 0;
    value = (value << 8) | byte;
  }
  return value;
}
