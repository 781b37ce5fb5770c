import { HEADER_BYTES } from '../packets/header.js';
import { ChaCha20 } from './chacha20.js';
import type { PacketProtection } from './packetProtection.js';
import { Poly1305 } from './poly1305.js';

const TWO_TO_32 = 0x100000000;
const AAD_BYTES = 16;

/**
 * Encryption mode: the AEAD_CHACHA20_POLY1305 of RFC 8439 over each packet, in place.
 * - key: the direction's traffic key (a fresh pair per connection);
 * - nonce: four zero bytes, then the full 64-bit sequence (little-endian), so no
 *   (key, nonce) pair ever repeats: sequences never repeat within a direction;
 * - additional data: the full 64-bit ack (little-endian), then the 8-byte header, so
 *   the kind, both numbers and the ack bits are authenticated, though not secret;
 * - plaintext/ciphertext: the body; the 16-byte tag follows it.
 * `open` verifies before it decrypts, so a forged packet's bytes are left untouched.
 *
 * @example
 * ```ts
 * const outbound = new ChaCha20Poly1305Protection(keys.traffic.clientToServer);
 * outbound.seal(packet, bodyEnd, sequence, ack); // body encrypted, tag at packet[bodyEnd]
 * ```
 */
export class ChaCha20Poly1305Protection implements PacketProtection {
  private readonly cipher: ChaCha20;
  private readonly mac = new Poly1305();
  private readonly nonce = new Int32Array(3);
  private readonly block = new Uint8Array(16);

  constructor(key: Uint8Array) {
    this.cipher = new ChaCha20(key);
  }

  seal(packet: Uint8Array, bodyEnd: number, sequence: number, ack: number): void {
    this.setNonce(sequence);
    this.cipher.xorStream(packet, HEADER_BYTES, bodyEnd, this.nonce);
    this.authenticate(packet, bodyEnd, ack);
    this.mac.writeTag(packet, bodyEnd);
  }

  open(packet: Uint8Array, bodyEnd: number, sequence: number, ack: number): boolean {
    this.setNonce(sequence);
    this.authenticate(packet, bodyEnd, ack);
    if (!this.mac.tagMatches(packet, bodyEnd)) return false;
    this.cipher.xorStream(packet, HEADER_BYTES, bodyEnd, this.nonce);
    return true;
  }

  private setNonce(sequence: number): void {
    this.nonce[0] = 0;
    this.nonce[1] = sequence % TWO_TO_32;
    this.nonce[2] = sequence / TWO_TO_32;
  }

  /** Poly1305 over pad16(aad) || pad16(ciphertext) || len(aad) || len(ciphertext). */
  private authenticate(packet: Uint8Array, bodyEnd: number, ack: number): void {
    const { cipher, mac, nonce, block } = this;
    cipher.computeBlock(0, nonce[0]!, nonce[1]!, nonce[2]!);
    mac.reset(cipher.keystream);

    writeUint64LE(block, 0, ack);
    for (let i = 0; i < HEADER_BYTES; i++) block[8 + i] = packet[i]!;
    mac.block(block, 0);

    let offset = HEADER_BYTES;
    for (; offset + 16 <= bodyEnd; offset += 16) mac.block(packet, offset);
    if (offset < bodyEnd) {
      block.fill(0);
      for (let i = offset; i < bodyEnd; i++) block[i - offset] = packet[i]!;
      mac.block(block, 0);
    }

    writeUint64LE(block, 0, AAD_BYTES);
    writeUint64LE(block, 8, bodyEnd - HEADER_BYTES);
    mac.block(block, 0);
    mac.finish();
  }
}

function writeUint64LE(out: Uint8Array, offset: number, value: number): void {
  const low = value % TWO_TO_32;
  const high = value / TWO_TO_32;
  for (let i = 0; i < 4; i++) {
    out[offset + i] = low >>> (8 * i);
    out[offset + 4 + i] = high >>> (8 * i);
  }
}
