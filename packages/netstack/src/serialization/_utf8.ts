/**
 * UTF-8 helpers for `Writer` and `Reader` (internal). The encoder matches `TextEncoder`
 * byte for byte, lone surrogates included (each becomes U+FFFD, `EF BF BD`), but writes into
 * the caller's buffer without allocating.
 */

/** Strict decoder: invalid UTF-8 throws, and a leading U+FEFF is kept rather than eaten. */
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 byte length of `s` as `TextEncoder` would encode it. */
export function utf8Length(s: string): number {
  const n = s.length;
  let bytes = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      bytes += 1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLowSurrogate(s.charCodeAt(i + 1))) {
      bytes += 2; // two UTF-16 units → 4 bytes
      i++;
    } else {
      bytes += 2; // BMP character or lone surrogate (U+FFFD) → 3 bytes
    }
  }
  return bytes;
}

/** Writes `s` as UTF-8 at `out[p]` and returns the offset after it; `out` must have room. */
export function writeUtf8(s: string, out: Uint8Array, p: number): number {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[p++] = c;
    } else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && isLowSurrogate(next)) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out[p++] = 0xf0 | (c >> 18);
        out[p++] = 0x80 | ((c >> 12) & 0x3f);
        out[p++] = 0x80 | ((c >> 6) & 0x3f);
        out[p++] = 0x80 | (c & 0x3f);
      } else {
        out[p++] = 0xef; // U+FFFD for a lone surrogate, as TextEncoder does
        out[p++] = 0xbf;
        out[p++] = 0xbd;
      }
    } else {
      out[p++] = 0xe0 | (c >> 12);
      out[p++] = 0x80 | ((c >> 6) & 0x3f);
      out[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** True when every byte of `b[p, p + n)` is below 0x80. */
export function isAscii(b: Uint8Array, p: number, n: number): boolean {
  let or = 0;
  for (let i = p, end = p + n; i < end; i++) or |= b[i]!;
  return or < 0x80;
}

/**
 * Builds the string for ASCII bytes `b[p, p + n)` with one multi-argument
 * `String.fromCharCode` call per 16 bytes: for the short names games send, this is about
 * twice as fast as `TextDecoder` or a per-character loop.
 */
export function asciiString(b: Uint8Array, p: number, n: number): string {
  if (n <= 16) return asciiChunk(b, p, n);
  let s = '';
  const end = p + n;
  for (; p + 16 <= end; p += 16) s += asciiChunk(b, p, 16);
  return s + asciiChunk(b, p, end - p);
}

/** Decodes `b[p, p + n)` as strict UTF-8; returns `undefined` when it is not well formed. */
export function utf8String(b: Uint8Array, p: number, n: number): string | undefined {
  try {
    return strictDecoder.decode(b.subarray(p, p + n));
  } catch {
    return undefined;
  }
}

/** `n` is 0 … 16. */
function asciiChunk(b: Uint8Array, p: number, n: number): string {
  const f = String.fromCharCode;
  switch (n) {
    case 0:
      return '';
    case 1:
      return f(b[p]!);
    case 2:
      return f(b[p]!, b[p + 1]!);
    case 3:
      return f(b[p]!, b[p + 1]!, b[p + 2]!);
    case 4:
      return f(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!);
    case 5:
      return f(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!);
    case 6:
      return f(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!);
    case 7:
      return f(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!, b[p + 6]!);
    case 8:
      return f(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!, b[p + 6]!, b[p + 7]!);
    case 9:
      return f(
        b[p]!,
        b[p + 1]!,
        b[p + 2]!,
        b[p + 3]!,
        b[p + 4]!,
        b[p + 5]!,
        b[p + 6]!,
        b[p + 7]!,
        b[p + 8]!,
      );
    case 10:
      return f(
        b[p]!,
        b[p + 1]!,
        b[p + 2]!,
        b[p + 3]!,
        b[p + 4]!,
        b[p + 5]!,
        b[p + 6]!,
        b[p + 7]!,
        b[p + 8]!,
        b[p + 9]!,
      );
    case 11:
      return f(
        b[p]!,
        b[p + 1]!,
        b[p + 2]!,
        b[p + 3]!,
        b[p + 4]!,
        b[p + 5]!,
        b[p + 6]!,
        b[p + 7]!,
        b[p + 8]!,
        b[p + 9]!,
        b[p + 10]!,
      );
    case 12:
      return f(
        b[p]!,
        b[p + 1]!,
        b[p + 2]!,
        b[p + 3]!,
        b[p + 4]!,
        b[p + 5]!,
        b[p + 6]!,
        b[p + 7]!,
        b[p + 8]!,
        b[p + 9]!,
        b[p + 10]!,
        b[p + 11]!,
      );
    case 13:
      return f(
        b[p]!,
        b[p + 1]!,
        b[p + 2]!,
        b[p + 3]!,
        b[p + 4]!,
        b[p + 5]!,
        b[p + 6]!,
        b[p + 7]!,
        b[p + 8]!,
        b[p + 9]!,
        b[p + 10]!,
        b[p + 11]!,
        b[p + 12]!,
      );
    case 14:
      return f(
        b[p]!,
        b[p + 1]!,
        b[p + 2]!,
        b[p + 3]!,
        b[p + 4]!,
        b[p + 5]!,
        b[p + 6]!,
        b[p + 7]!,
        b[p + 8]!,
        b[p + 9]!,
        b[p + 10]!,
        b[p + 11]!,
        b[p + 12]!,
        b[p + 13]!,
      );
    case 15:
      return f(
        b[p]!,
        b[p + 1]!,
        b[p + 2]!,
        b[p + 3]!,
        b[p + 4]!,
        b[p + 5]!,
        b[p + 6]!,
        b[p + 7]!,
        b[p + 8]!,
        b[p + 9]!,
        b[p + 10]!,
        b[p + 11]!,
        b[p + 12]!,
        b[p + 13]!,
        b[p + 14]!,
      );
    default:
      return f(
        b[p]!,
        b[p + 1]!,
        b[p + 2]!,
        b[p + 3]!,
        b[p + 4]!,
        b[p + 5]!,
        b[p + 6]!,
        b[p + 7]!,
        b[p + 8]!,
        b[p + 9]!,
        b[p + 10]!,
        b[p + 11]!,
        b[p + 12]!,
        b[p + 13]!,
        b[p + 14]!,
        b[p + 15]!,
      );
  }
}
