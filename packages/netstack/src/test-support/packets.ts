import { PACKET_OVERHEAD_BYTES, readKind, TAG_BYTES, writeHeader } from '../packets/header.js';
import type { MemoryNetwork } from '../testing/memoryNetwork.js';
import { SeededRandom } from '../testing/random.js';
import type { PeerAddress } from '../transport/transport.js';

/** A datagram seen on a `MemoryNetwork`, copied. */
export interface Captured {
  readonly bytes: Uint8Array;
  readonly kind: number;
  readonly from: PeerAddress;
  readonly to: PeerAddress;
}

/**
 * Records every datagram sent on `network` from now on (before the link decides its
 * fate, so lost ones too). Call the returned `stop` to detach.
 */
export function capture(network: MemoryNetwork): Captured[] & { stop(): void } {
  const captured: Captured[] = [];
  const tap = (bytes: Uint8Array, from: PeerAddress, to: PeerAddress): void => {
    captured.push({ bytes: bytes.slice(), kind: readKind(bytes), from, to });
  };
  network.taps.push(tap);
  return Object.assign(captured, {
    stop(): void {
      const index = network.taps.indexOf(tap);
      if (index >= 0) network.taps.splice(index, 1);
    },
  });
}

/** What an attacker without the keys can write: any header, any body, a guessed tag. */
export interface ForgedPacket {
  kind: number;
  /** The full sequence; its low 13 bits go on the wire. */
  sequence: number;
  ack?: number;
  ackBits?: number;
  /** The body (default: empty). */
  body?: Uint8Array;
  /** The tag (default: 16 bytes from `random`). */
  tag?: Uint8Array;
}

const defaultRandom = new SeededRandom(0x5eed);

/** Bytes from a seeded generator. */
export function randomBytes(length: number, random: SeededRandom = defaultRandom): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random.next() * 256);
  return bytes;
}

/** A well-formed packet with a tag the attacker made up. */
export function forge(packet: ForgedPacket, random: SeededRandom = defaultRandom): Uint8Array {
  const body = packet.body ?? new Uint8Array(0);
  const bytes = new Uint8Array(PACKET_OVERHEAD_BYTES + body.length);
  writeHeader(bytes, {
    kind: packet.kind,
    sequence: packet.sequence,
    ack: packet.ack ?? 0,
    ackBits: packet.ackBits ?? 0,
  });
  bytes.set(body, 8);
  bytes.set(packet.tag ?? randomBytes(TAG_BYTES, random), 8 + body.length);
  return bytes;
}

/** A copy of `packet` with one bit of its tag flipped. */
export function withBadTag(packet: Uint8Array): Uint8Array {
  const copy = packet.slice();
  copy[copy.length - 1]! ^= 0x01;
  return copy;
}
