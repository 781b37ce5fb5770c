/**
 * The header every packet starts with, and the tag every packet ends with.
 *
 * ```
 *  byte 0         1         2         3         4         5         6         7
 * +---------+---------+---------+---------+---------+---------+---------+---------+
 * | kind:3 | sequence:13 (LE)   | ack:16 (LE)       | ack bits:32 (LE)                      |
 * +---------+---------+---------+---------+---------+---------+---------+---------+
 * | body: 0 .. maxPacketBytes - 24 bytes, by kind                                  |
 * +--------------------------------------------------------------------------------+
 * | tag: 16 bytes (HMAC-SHA256-128 or Poly1305) over the full numbers and all above |
 * +--------------------------------------------------------------------------------+
 * ```
 *
 * Bytes 0-1 hold `kind | sequence13 << 3` as a little-endian u16: the kind is
 * `bytes[0] & 7`. `ack` is the low 16 bits of the newest sequence received from the
 * peer (0: none yet); bit i of `ack bits` says whether `ack - 1 - i` was received.
 */
import { truncateAck, truncateSequence } from './sequence.js';

export const HEADER_BYTES = 8;
export const TAG_BYTES = 16;
/** Bytes a packet spends beyond its body: header and tag. */
export const PACKET_OVERHEAD_BYTES = HEADER_BYTES + TAG_BYTES;
const KIND_MASK = 0b111;

/** What `writeHeader` puts in the first 8 bytes. */
export interface HeaderFields {
  kind: number;
  /** The full sequence number; only its low 13 bits are written. */
  sequence: number;
  /** The full newest received sequence; only its low 16 bits are written. */
  ack: number;
  ackBits: number;
}

export function writeHeader(packet: Uint8Array, fields: HeaderFields): void {
  const first = fields.kind | (truncateSequence(fields.sequence) << 3);
  const ack = truncateAck(fields.ack);
  const bits = fields.ackBits;
  packet[0] = first;
  packet[1] = first >>> 8;
  packet[2] = ack;
  packet[3] = ack >>> 8;
  packet[4] = bits;
  packet[5] = bits >>> 8;
  packet[6] = bits >>> 16;
  packet[7] = bits >>> 24;
}

export function readKind(packet: Uint8Array): number {
  return packet[0]! & KIND_MASK;
}

/** The low 13 bits of the packet's sequence. */
export function readTruncatedSequence(packet: Uint8Array): number {
  return (packet[0]! | (packet[1]! << 8)) >>> 3;
}

/** The low 16 bits of the packet's ack. */
export function readTruncatedAck(packet: Uint8Array): number {
  return packet[2]! | (packet[3]! << 8);
}

/** The ack bits as a signed 32-bit integer (bit 31 makes it negative). */
export function readAckBits(packet: Uint8Array): number {
  return packet[4]! | (packet[5]! << 8) | (packet[6]! << 16) | (packet[7]! << 24);
}
