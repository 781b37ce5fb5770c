import { LinkStats } from '../acks/linkStats.js';
import { ReplayWindow } from '../acks/replayWindow.js';
import { type AcknowledgedListener, type AckReport, SentPackets } from '../acks/sentPackets.js';
import { NetstackError } from '../errors.js';
import { DropReason } from '../monitoring/dropReason.js';
import {
  HEADER_BYTES,
  type HeaderFields,
  readAckBits,
  readKind,
  readTruncatedAck,
  readTruncatedSequence,
  TAG_BYTES,
  writeHeader,
} from '../packets/header.js';
import { PacketKind } from '../packets/packetKind.js';
import { expandAck, expandSequence, MAX_SEQUENCE } from '../packets/sequence.js';
import type { ConnectionKeys } from '../security/connectionKeys.js';
import { HmacProtection } from '../security/hmacProtection.js';
import type { PacketProtection } from '../security/packetProtection.js';
import type { SecurityMode } from '../security/securityMode.js';
import type { PeerAddress } from '../transport/transport.js';
import { createTrafficProtection } from './trafficProtection.js';

/** Which end of the connection this object is. */
export type ConnectionRole = 'client' | 'server';

/** What a connection tells its endpoint as acks arrive. */
export interface ConnectionListener {
  readonly onAcknowledged: AcknowledgedListener;
  readonly onRttSample: ((milliseconds: number) => void) | undefined;
}

/** A mutable peer address, set when the connection binds. */
class BoundAddress implements PeerAddress {
  address = '';
  port = 0;
}

/**
 * One end of one connection, as a state machine with no I/O and no clock: packets in
 * as bytes, packets out into `sendBuffer`, time as `now` in milliseconds.
 *
 * Sending: `beginPacket(kind)` writes the header, the caller writes the body into
 * `sendBuffer` at offset 8, `sealPacket(bodyEnd, now)` writes the tag and returns the
 * packet's length.
 *
 * Receiving: `verify(packet, now)` runs the checks in the netcode.io order (replay
 * pre-check, then the tag) and changes state (replay window, acks, timers) only once
 * the tag verified.
 */
export class Connection {
  readonly stats = new LinkStats();
  readonly received = new ReplayWindow();
  readonly sent = new SentPackets();
  readonly sendBuffer: Uint8Array;
  readonly peer = new BoundAddress();
  /** The sequence number the next packet will carry. */
  nextSequence = 1;
  lastSendTime = 0;
  lastReceiveTime = 0;
  /** The full sequence number of the packet `verify` accepted last. */
  lastVerifiedSequence = 0;
  private readonly header: HeaderFields = { kind: 0, sequence: 0, ack: 0, ackBits: 0 };
  private readonly ackReport: AckReport;
  private outboundHandshake: PacketProtection | undefined;
  private inboundHandshake: PacketProtection | undefined;
  private outboundTraffic: PacketProtection | undefined;
  private inboundTraffic: PacketProtection | undefined;

  constructor(maxPacketBytes: number, listener: ConnectionListener) {
    this.sendBuffer = new Uint8Array(maxPacketBytes);
    this.ackReport = {
      stats: this.stats,
      onAcknowledged: listener.onAcknowledged,
      onRttSample: listener.onRttSample,
    };
  }

  /** Starts afresh with new keys: no packet sent or received, timers at `now`. */
  reset(keys: ConnectionKeys, role: ConnectionRole, mode: SecurityMode, now: number): void {
    const [outbound, inbound] =
      role === 'client'
        ? (['clientToServer', 'serverToClient'] as const)
        : (['serverToClient', 'clientToServer'] as const);
    this.outboundHandshake = new HmacProtection(keys.handshake[outbound]);
    this.inboundHandshake = new HmacProtection(keys.handshake[inbound]);
    this.outboundTraffic = createTrafficProtection(mode, keys.traffic[outbound]);
    this.inboundTraffic = createTrafficProtection(mode, keys.traffic[inbound]);
    this.stats.reset();
    this.received.reset();
    this.sent.reset();
    this.nextSequence = 1;
    this.lastSendTime = now;
    this.lastReceiveTime = now;
    this.lastVerifiedSequence = 0;
  }

  /** Forgets the keys, so nothing verifies or seals until the next `reset`. */
  clearKeys(): void {
    this.outboundHandshake = undefined;
    this.inboundHandshake = undefined;
    this.outboundTraffic = undefined;
    this.inboundTraffic = undefined;
  }

  /** Writes the header of the next packet into `sendBuffer`; returns its sequence number. */
  beginPacket(kind: PacketKind): number {
    const sequence = this.nextSequence;
    if (sequence > MAX_SEQUENCE) {
      throw new NetstackError(
        'sequence-exhausted',
        'This connection has used every sequence number (2^53 - 1 packets); open a new one.',
      );
    }
    const header = this.header;
    header.kind = kind;
    header.sequence = sequence;
    header.ack = this.received.latest;
    header.ackBits = this.received.ackBits();
    writeHeader(this.sendBuffer, header);
    return sequence;
  }

  /**
   * Seals the packet begun by `beginPacket`, whose body ends at `bodyEnd`; records it
   * as sent at `now` and returns the packet's length.
   */
  sealPacket(bodyEnd: number, now: number): number {
    const header = this.header;
    const protection = isHandshake(header.kind) ? this.outboundHandshake : this.outboundTraffic;
    if (protection === undefined) throw new Error('netstack: sealPacket before reset');
    protection.seal(this.sendBuffer, bodyEnd, header.sequence, header.ack);
    this.sent.record(header.sequence, now, header.kind === PacketKind.Payload);
    this.nextSequence = header.sequence + 1;
    this.lastSendTime = now;
    return bodyEnd + TAG_BYTES;
  }

  /**
   * Verifies a received packet whose size and kind the caller already checked. Returns
   * `undefined` when it verified and was accepted, else why it was dropped (and then
   * nothing changed).
   */
  verify(packet: Uint8Array, now: number): DropReason | undefined {
    const sequence = expandSequence(readTruncatedSequence(packet), this.received.latest);
    if (!this.received.isFresh(sequence)) return DropReason.Replay;
    const ack = expandAck(readTruncatedAck(packet), this.sent.latestSent);
    if (ack < 0) return DropReason.BadTag;
    const protection = isHandshake(readKind(packet)) ? this.inboundHandshake : this.inboundTraffic;
    if (protection === undefined) return DropReason.BadTag;
    const bodyEnd = packet.length - TAG_BYTES;
    if (!protection.open(packet, bodyEnd, sequence, ack)) return DropReason.BadTag;

    this.received.accept(sequence);
    this.lastVerifiedSequence = sequence;
    this.lastReceiveTime = now;
    this.sent.applyAck(ack, readAckBits(packet), now, this.ackReport);
    return undefined;
  }

  /**
   * Moves every time this connection recorded by `delta` milliseconds. Its endpoint calls
   * it with a negative `delta` when `now` went backwards, so that the step counts as no
   * time passing: the time since the last send, the last receive and each packet awaiting
   * its ack stays what it was, and no heartbeat or timeout waits for the clock to catch up.
   */
  shiftTimes(delta: number): void {
    this.lastSendTime += delta;
    this.lastReceiveTime += delta;
    this.sent.shiftTimes(delta);
  }

  /** Bind the connection to the peer's address. */
  bind(to: PeerAddress): void {
    this.peer.address = to.address;
    this.peer.port = to.port;
  }

  isFrom(from: PeerAddress): boolean {
    return from.port === this.peer.port && from.address === this.peer.address;
  }
}

/** Requests and denials are always signed with the handshake keys, whatever the mode. */
function isHandshake(kind: number): boolean {
  return kind === PacketKind.ConnectionRequest || kind === PacketKind.ConnectionDenied;
}

export const BODY_OFFSET = HEADER_BYTES;
