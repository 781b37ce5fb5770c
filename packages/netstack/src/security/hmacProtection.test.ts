import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { HmacProtection } from './hmacProtection.js';

const key = new Uint8Array(32).map((_, i) => i + 1);
const BODY_END = 40;

function sealedPacket(sequence = 5, ack = 3): Uint8Array {
  const packet = new Uint8Array(BODY_END + 16).map((_, i) => (i * 37) & 0xff);
  new HmacProtection(key).seal(packet, BODY_END, sequence, ack);
  return packet;
}

describe('HmacProtection', () => {
  it('writes HMAC-SHA256 over the full sequence, the full ack and the packet, truncated to 16 bytes', () => {
    const sequence = 2 ** 40 + 77;
    const ack = 2 ** 33 + 5;
    const packet = sealedPacket(sequence, ack);
    const message = new Uint8Array(16 + BODY_END);
    const view = new DataView(message.buffer);
    view.setBigUint64(0, BigInt(sequence));
    view.setBigUint64(8, BigInt(ack));
    message.set(packet.subarray(0, BODY_END), 16);
    expect(packet.subarray(BODY_END)).toEqual(hmac(sha256, key, message).subarray(0, 16));
  });

  it('opens what it sealed', () => {
    expect(new HmacProtection(key).open(sealedPacket(), BODY_END, 5, 3)).toBe(true);
  });

  it('rejects the packet when any one bit of it is flipped', () => {
    const opener = new HmacProtection(key);
    const packet = sealedPacket();
    for (let bit = 0; bit < packet.length * 8; bit++) {
      packet[bit >>> 3]! ^= 1 << (bit & 7);
      expect(opener.open(packet, BODY_END, 5, 3)).toBe(false);
      packet[bit >>> 3]! ^= 1 << (bit & 7);
    }
    expect(opener.open(packet, BODY_END, 5, 3)).toBe(true);
  });

  it('rejects the packet under another sequence or ack (the tag covers the full numbers)', () => {
    const opener = new HmacProtection(key);
    const packet = sealedPacket(5, 3);
    expect(opener.open(packet, BODY_END, 5 + 8192, 3)).toBe(false);
    expect(opener.open(packet, BODY_END, 5 + 2 ** 32, 3)).toBe(false);
    expect(opener.open(packet, BODY_END, 5, 3 + 65536)).toBe(false);
  });

  it('rejects the packet under another key', () => {
    const other = new HmacProtection(new Uint8Array(32).fill(1));
    expect(other.open(sealedPacket(), BODY_END, 5, 3)).toBe(false);
  });
});
