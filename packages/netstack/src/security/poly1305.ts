/**
 * Poly1305 (RFC 8439, section 2.5) with reused state: a one-time key per packet, full
 * 16-byte blocks only (the AEAD construction pads every part to whole blocks), the tag
 * written into or compared against the packet. The arithmetic is that of the public
 * domain poly1305-donna-16 (ten 13-bit limbs, so every product fits a double exactly),
 * as @noble/ciphers uses; tested against RFC 8439's vectors and against @noble/ciphers.
 */
export class Poly1305 {
  private readonly r = new Int32Array(10);
  private readonly h = new Int32Array(10);
  private readonly pad = new Int32Array(8);
  private readonly g = new Int32Array(10);

  /** Starts a MAC under the one-time key in the first 8 words of `keyWords` (little-endian). */
  reset(keyWords: Int32Array): void {
    const t0 = keyWords[0]! & 0xffff;
    const t1 = keyWords[0]! >>> 16;
    const t2 = keyWords[1]! & 0xffff;
    const t3 = keyWords[1]! >>> 16;
    const t4 = keyWords[2]! & 0xffff;
    const t5 = keyWords[2]! >>> 16;
    const t6 = keyWords[3]! & 0xffff;
    const t7 = keyWords[3]! >>> 16;
    const r = this.r;
    r[0] = t0 & 0x1fff;
    r[1] = ((t0 >>> 13) | (t1 << 3)) & 0x1fff;
    r[2] = ((t1 >>> 10) | (t2 << 6)) & 0x1f03;
    r[3] = ((t2 >>> 7) | (t3 << 9)) & 0x1fff;
    r[4] = ((t3 >>> 4) | (t4 << 12)) & 0x00ff;
    r[5] = (t4 >>> 1) & 0x1ffe;
    r[6] = ((t4 >>> 14) | (t5 << 2)) & 0x1fff;
    r[7] = ((t5 >>> 11) | (t6 << 5)) & 0x1f81;
    r[8] = ((t6 >>> 8) | (t7 << 8)) & 0x1fff;
    r[9] = (t7 >>> 5) & 0x007f;
    for (let i = 0; i < 4; i++) {
      this.pad[2 * i] = keyWords[4 + i]! & 0xffff;
      this.pad[2 * i + 1] = keyWords[4 + i]! >>> 16;
    }
    this.h.fill(0);
  }

  /** Absorbs the full 16-byte block at `bytes[offset]`. */
  block(bytes: Uint8Array, offset: number): void {
    const { h, r } = this;
    const t0 = bytes[offset]! | (bytes[offset + 1]! << 8);
    const t1 = bytes[offset + 2]! | (bytes[offset + 3]! << 8);
    const t2 = bytes[offset + 4]! | (bytes[offset + 5]! << 8);
    const t3 = bytes[offset + 6]! | (bytes[offset + 7]! << 8);
    const t4 = bytes[offset + 8]! | (bytes[offset + 9]! << 8);
    const t5 = bytes[offset + 10]! | (bytes[offset + 11]! << 8);
    const t6 = bytes[offset + 12]! | (bytes[offset + 13]! << 8);
    const t7 = bytes[offset + 14]! | (bytes[offset + 15]! << 8);
    const h0 = h[0]! + (t0 & 0x1fff);
    const h1 = h[1]! + (((t0 >>> 13) | (t1 << 3)) & 0x1fff);
    const h2 = h[2]! + (((t1 >>> 10) | (t2 << 6)) & 0x1fff);
    const h3 = h[3]! + (((t2 >>> 7) | (t3 << 9)) & 0x1fff);
    const h4 = h[4]! + (((t3 >>> 4) | (t4 << 12)) & 0x1fff);
    const h5 = h[5]! + ((t4 >>> 1) & 0x1fff);
    const h6 = h[6]! + (((t4 >>> 14) | (t5 << 2)) & 0x1fff);
    const h7 = h[7]! + (((t5 >>> 11) | (t6 << 5)) & 0x1fff);
    const h8 = h[8]! + (((t6 >>> 8) | (t7 << 8)) & 0x1fff);
    const h9 = h[9]! + ((t7 >>> 5) | (1 << 11));
    const r0 = r[0]!;
    const r1 = r[1]!;
    const r2 = r[2]!;
    const r3 = r[3]!;
    const r4 = r[4]!;
    const r5 = r[5]!;
    const r6 = r[6]!;
    const r7 = r[7]!;
    const r8 = r[8]!;
    const r9 = r[9]!;
    // h *= r modulo 2^130 - 5: limb i of the product, with 2^130 folded back as 5.
    let c = 0;
    let d0 = c + h0 * r0 + h1 * (5 * r9) + h2 * (5 * r8) + h3 * (5 * r7) + h4 * (5 * r6);
    c = d0 >>> 13;
    d0 &= 0x1fff;
    d0 += h5 * (5 * r5) + h6 * (5 * r4) + h7 * (5 * r3) + h8 * (5 * r2) + h9 * (5 * r1);
    c += d0 >>> 13;
    d0 &= 0x1fff;
    let d1 = c + h0 * r1 + h1 * r0 + h2 * (5 * r9) + h3 * (5 * r8) + h4 * (5 * r7);
    c = d1 >>> 13;
    d1 &= 0x1fff;
    d1 += h5 * (5 * r6) + h6 * (5 * r5) + h7 * (5 * r4) + h8 * (5 * r3) + h9 * (5 * r2);
    c += d1 >>> 13;
    d1 &= 0x1fff;
    let d2 = c + h0 * r2 + h1 * r1 + h2 * r0 + h3 * (5 * r9) + h4 * (5 * r8);
    c = d2 >>> 13;
    d2 &= 0x1fff;
    d2 += h5 * (5 * r7) + h6 * (5 * r6) + h7 * (5 * r5) + h8 * (5 * r4) + h9 * (5 * r3);
    c += d2 >>> 13;
    d2 &= 0x1fff;
    let d3 = c + h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * (5 * r9);
    c = d3 >>> 13;
    d3 &= 0x1fff;
    d3 += h5 * (5 * r8) + h6 * (5 * r7) + h7 * (5 * r6) + h8 * (5 * r5) + h9 * (5 * r4);
    c += d3 >>> 13;
    d3 &= 0x1fff;
    let d4 = c + h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;
    c = d4 >>> 13;
    d4 &= 0x1fff;
    d4 += h5 * (5 * r9) + h6 * (5 * r8) + h7 * (5 * r7) + h8 * (5 * r6) + h9 * (5 * r5);
    c += d4 >>> 13;
    d4 &= 0x1fff;
    let d5 = c + h0 * r5 + h1 * r4 + h2 * r3 + h3 * r2 + h4 * r1;
    c = d5 >>> 13;
    d5 &= 0x1fff;
    d5 += h5 * r0 + h6 * (5 * r9) + h7 * (5 * r8) + h8 * (5 * r7) + h9 * (5 * r6);
    c += d5 >>> 13;
    d5 &= 0x1fff;
    let d6 = c + h0 * r6 + h1 * r5 + h2 * r4 + h3 * r3 + h4 * r2;
    c = d6 >>> 13;
    d6 &= 0x1fff;
    d6 += h5 * r1 + h6 * r0 + h7 * (5 * r9) + h8 * (5 * r8) + h9 * (5 * r7);
    c += d6 >>> 13;
    d6 &= 0x1fff;
    let d7 = c + h0 * r7 + h1 * r6 + h2 * r5 + h3 * r4 + h4 * r3;
    c = d7 >>> 13;
    d7 &= 0x1fff;
    d7 += h5 * r2 + h6 * r1 + h7 * r0 + h8 * (5 * r9) + h9 * (5 * r8);
    c += d7 >>> 13;
    d7 &= 0x1fff;
    let d8 = c + h0 * r8 + h1 * r7 + h2 * r6 + h3 * r5 + h4 * r4;
    c = d8 >>> 13;
    d8 &= 0x1fff;
    d8 += h5 * r3 + h6 * r2 + h7 * r1 + h8 * r0 + h9 * (5 * r9);
    c += d8 >>> 13;
    d8 &= 0x1fff;
    let d9 = c + h0 * r9 + h1 * r8 + h2 * r7 + h3 * r6 + h4 * r5;
    c = d9 >>> 13;
    d9 &= 0x1fff;
    d9 += h5 * r4 + h6 * r3 + h7 * r2 + h8 * r1 + h9 * r0;
    c += d9 >>> 13;
    d9 &= 0x1fff;
    c = ((c << 2) + c) | 0;
    c = (c + d0) | 0;
    d0 = c & 0x1fff;
    c = c >>> 13;
    d1 += c;
    h[0] = d0;
    h[1] = d1;
    h[2] = d2;
    h[3] = d3;
    h[4] = d4;
    h[5] = d5;
    h[6] = d6;
    h[7] = d7;
    h[8] = d8;
    h[9] = d9;
  }

  /** Finishes the MAC: afterwards `h[0..7]` hold the tag as eight little-endian 16-bit words. */
  finish(): void {
    const { h, g, pad } = this;
    let c = h[1]! >>> 13;
    h[1]! &= 0x1fff;
    for (let i = 2; i < 10; i++) {
      h[i]! += c;
      c = h[i]! >>> 13;
      h[i]! &= 0x1fff;
    }
    h[0]! += c * 5;
    c = h[0]! >>> 13;
    h[0]! &= 0x1fff;
    h[1]! += c;
    c = h[1]! >>> 13;
    h[1]! &= 0x1fff;
    h[2]! += c;
    // g = h + 5 - 2^130; take g if it did not go negative (h >= p), else h. Constant time.
    g[0] = h[0]! + 5;
    c = g[0]! >>> 13;
    g[0]! &= 0x1fff;
    for (let i = 1; i < 10; i++) {
      g[i] = h[i]! + c;
      c = g[i]! >>> 13;
      g[i]! &= 0x1fff;
    }
    g[9] = (g[9]! - (1 << 13)) & 0xffff;
    let mask = ((c ^ 1) - 1) & 0xffff;
    for (let i = 0; i < 10; i++) g[i]! &= mask;
    mask = ~mask & 0xffff;
    for (let i = 0; i < 10; i++) h[i] = (h[i]! & mask) | g[i]!;
    h[0] = (h[0]! | (h[1]! << 13)) & 0xffff;
    h[1] = ((h[1]! >>> 3) | (h[2]! << 10)) & 0xffff;
    h[2] = ((h[2]! >>> 6) | (h[3]! << 7)) & 0xffff;
    h[3] = ((h[3]! >>> 9) | (h[4]! << 4)) & 0xffff;
    h[4] = ((h[4]! >>> 12) | (h[5]! << 1) | (h[6]! << 14)) & 0xffff;
    h[5] = ((h[6]! >>> 2) | (h[7]! << 11)) & 0xffff;
    h[6] = ((h[7]! >>> 5) | (h[8]! << 8)) & 0xffff;
    h[7] = ((h[8]! >>> 8) | (h[9]! << 5)) & 0xffff;
    // tag = (h + s) mod 2^128
    let f = h[0]! + pad[0]!;
    h[0] = f & 0xffff;
    for (let i = 1; i < 8; i++) {
      f = h[i]! + pad[i]! + (f >>> 16);
      h[i] = f & 0xffff;
    }
  }

  /** Writes the 16-byte tag (after `finish`) at `out[offset]`. */
  writeTag(out: Uint8Array, offset: number): void {
    for (let i = 0; i < 8; i++) {
      out[offset + 2 * i] = this.h[i]!;
      out[offset + 2 * i + 1] = this.h[i]! >>> 8;
    }
  }

  /** Whether the 16 bytes at `bytes[offset]` equal the tag (after `finish`), in constant time. */
  tagMatches(bytes: Uint8Array, offset: number): boolean {
    let difference = 0;
    for (let i = 0; i < 8; i++) {
      const got = bytes[offset + 2 * i]! | (bytes[offset + 2 * i + 1]! << 8);
      difference |= got ^ this.h[i]!;
    }
    return difference === 0;
  }
}
