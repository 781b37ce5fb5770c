import { TAG_BYTES } from '../packets/header.js';
import { HmacSha256 } from './hmacSha256.js';
import type { PacketProtection } from './packetProtection.js';

const TWO_TO_32 = 0x100000000;

/**
 * Signing mode: the tag is HMAC-SHA256 truncated to 16 bytes (as RFC 4868 does) over
 * `sequence (u64 BE) || ack (u64 BE) || packet[0, bodyEnd)`.
 *
 * @example
 * ```ts
 * const outbound = new HmacProtection(keys.clientToServer);
 * outbound.seal(packet, bodyEnd, sequence, ack); // tag written at packet[bodyEnd]
 * ```
 */
export class HmacProtection implements PacketProtection {
  private readonly mac: HmacSha256;

  constructor(key: Uint8Array) {
    this.mac = new HmacSha256(key, 4);
  }

  seal(packet: Uint8Array, bodyEnd: number, sequence: number, ack: number): void {
    this.compute(packet, bodyEnd, sequence, ack);
    this.mac.writeTag(packet, bodyEnd, TAG_BYTES);
  }

  open(packet: Uint8Array, bodyEnd: number, sequence: number, ack: number): boolean {
    this.compute(packet, bodyEnd, sequence, ack);
    return this.mac.tagMatches(packet, bodyEnd, TAG_BYTES);
  }

  private compute(packet: Uint8Array, bodyEnd: number, sequence: number, ack: number): void {
    const prefix = this.mac.prefix;
    prefix[0] = sequence / TWO_TO_32;
    prefix[1] = sequence % TWO_TO_32;
    prefix[2] = ack / TWO_TO_32;
    prefix[3] = ack % TWO_TO_32;
    this.mac.compute(packet, bodyEnd);
  }
}
