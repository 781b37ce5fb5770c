import { describe, expect, it } from 'vitest';
import {
  readAckBits,
  readKind,
  readTruncatedAck,
  readTruncatedSequence,
  writeHeader,
} from './header.js';
import { PacketKind } from './packetKind.js';

describe('header', () => {
  it('lays out kind, sequence, ack and ack bits byte by byte as docs/packets.md says', () => {
    const packet = new Uint8Array(8);
    writeHeader(packet, {
      kind: PacketKind.Payload,
      sequence: 8192 + 0x1234,
      ack: 0x1abcd,
      ackBits: 0x80402010,
    });
    // kind 3 | (0x1234 << 3) = 0x91a3 little-endian; ack 0xabcd; ack bits little-endian.
    expect([...packet]).toEqual([0xa3, 0x91, 0xcd, 0xab, 0x10, 0x20, 0x40, 0x80]);
  });

  it('reads back what it wrote', () => {
    const packet = new Uint8Array(8);
    for (const kind of Object.values(PacketKind)) {
      writeHeader(packet, { kind, sequence: 123_456_789, ack: 987_654_321, ackBits: 0xdeadbeef });
      expect(readKind(packet)).toBe(kind);
      expect(readTruncatedSequence(packet)).toBe(123_456_789 % 8192);
      expect(readTruncatedAck(packet)).toBe(987_654_321 % 65536);
      expect(readAckBits(packet)).toBe(0xdeadbeef | 0);
    }
  });
});
