import { Connection } from '../connection/connection.js';
import { DisconnectReason } from '../connection/disconnectReason.js';
import { NetstackError } from '../errors.js';
import { DropReason } from '../monitoring/dropReason.js';
import { EndpointMetrics } from '../monitoring/endpointMetrics.js';
import { DENIED_BODY_BYTES, DenialReason, denialToReason } from '../packets/connectionDenied.js';
import {
  PROTOCOL_VERSION,
  REQUEST_BYTES,
  REQUEST_MODE_OFFSET,
  REQUEST_TOKEN_OFFSET,
  REQUEST_VERSION_OFFSET,
  requestTokenEquals,
  tokenKeyAt,
} from '../packets/connectionRequest.js';
import { HEADER_BYTES, PACKET_OVERHEAD_BYTES, readKind } from '../packets/header.js';
import { PacketKind } from '../packets/packetKind.js';
import { assertKeyBytes, deriveConnectionKeys } from '../security/connectionKeys.js';
import { securityModeByte } from '../security/securityMode.js';
import type { DatagramVisitor, PeerAddress, Transport } from '../transport/transport.js';
import { AddressIndex } from './addressIndex.js';
import {
  type ConnectionHandle,
  handleGeneration,
  handleSlotIndex,
  makeHandle,
} from './connectionHandle.js';
import type { ConnectionStats } from './connectionStats.js';
import { EventQueue } from './eventQueue.js';
import type { NetstackEvent } from './events.js';
import {
  checkPayloadLength,
  copyPayload,
  maxPayloadBytes,
  type Resolved,
  resolveServerOptions,
  type ServerOptions,
} from './options.js';
import { RequestRateLimiter } from './requestRateLimiter.js';

/** What `reserve` returns: the slot's handle, or why there is none. */
export type ReserveResult =
  | { readonly ok: true; readonly handle: ConnectionHandle }
  | { readonly ok: false; readonly error: NetstackError };

type SlotState = 'free' | 'reserved' | 'connected';

class Slot {
  state: SlotState = 'free';
  /** Starts at 1, so no handle is ever 0. */
  generation = 1;
  readonly token = new Uint8Array(32);
  tokenKey = 0;
  /** When a reservation lapses; NaN until the first `update` after `reserve`. */
  expiresAt = Number.NaN;
  connection: Connection | undefined;

  constructor(readonly index: number) {}

  get handle(): ConnectionHandle {
    return makeHandle(this.index, this.generation);
  }
}

/**
 * The server end: a fixed number of slots, each reserved for a (secret, token) pair by
 * your token endpoint, then bound to the address whose connection request proves it
 * holds that secret.
 *
 * Drive it from your game loop: `update(now)` reads what arrived, runs timers and
 * returns events; `send` sends at once and returns the packet's sequence number.
 * `now` is any monotonic clock in milliseconds (`performance.now()`), and the server
 * never reads a clock itself.
 *
 * @example
 * ```ts
 * const server = new Server({ transport: await UdpTransport.bind({ port: 40000 }) });
 * const reserved = server.reserve(secret, token); // from your HTTPS token endpoint
 * setInterval(() => {
 *   for (const event of server.update(performance.now())) {
 *     if (event.type === 'message') server.send(event.connection, event.payload);
 *   }
 * }, 1000 / 60);
 * ```
 */
export class Server {
  /** Counters: packets, bytes, drops by reason, connections. */
  readonly metrics = new EndpointMetrics();
  private readonly options: Resolved<ServerOptions>;
  private readonly transport: Transport;
  private readonly slots: Slot[];
  private readonly freeSlots: Slot[];
  private readonly byAddress = new AddressIndex<Slot>();
  private readonly byToken = new Map<number, Slot>();
  private readonly limiter: RequestRateLimiter;
  private readonly events = new EventQueue();
  private readonly modeByte: number;
  private readonly maxPayload: number;
  private reserved = 0;
  private connected = 0;
  private now = 0;
  private closed = false;
  private readonly receiveDatagram: DatagramVisitor = (bytes, from) => this.receive(bytes, from);

  constructor(options: ServerOptions) {
    this.options = resolveServerOptions(options);
    this.transport = this.options.transport;
    this.slots = Array.from({ length: this.options.maxConnections }, (_, i) => new Slot(i));
    this.freeSlots = this.slots.slice().reverse();
    this.limiter = new RequestRateLimiter(
      this.options.requestsPerSecondPerAddress,
      this.options.requestBurstPerAddress,
    );
    this.modeByte = securityModeByte(this.options.securityMode);
    this.maxPayload = maxPayloadBytes(this.options.maxPacketBytes);
  }

  /** Slots reserved and waiting for their client. */
  get reservedCount(): number {
    return this.reserved;
  }

  /** Slots with a connected client. */
  get connectedCount(): number {
    return this.connected;
  }

  /**
   * Reserves a slot for the client that will connect with this `secret` and `token`
   * (32 random bytes each, handed to the client over HTTPS). The reservation lapses
   * `reservationTimeout` after the next `update` unless the client connects; the
   * handle stays the connection's handle once it does.
   *
   * @example
   * ```ts
   * const secret = crypto.getRandomValues(new Uint8Array(32));
   * const token = crypto.getRandomValues(new Uint8Array(32));
   * const result = server.reserve(secret, token);
   * if (!result.ok) return reply.status(503).json({ error: result.error.code });
   * ```
   */
  reserve(secret: Uint8Array, token: Uint8Array): ReserveResult {
    this.assertOpen();
    assertKeyBytes(secret, 'secret');
    assertKeyBytes(token, 'token');
    const tokenKey = tokenKeyAt(token, 0);
    if (this.byToken.has(tokenKey)) {
      return failure(
        'token-in-use',
        'This token is already reserved or connected; make a fresh random token per reservation.',
      );
    }
    const slot = this.freeSlots.pop();
    if (slot === undefined) {
      return failure(
        'server-full',
        `All ${this.options.maxConnections} slots are reserved or connected (maxConnections). ` +
          'Ask the client to retry later, or raise maxConnections.',
      );
    }
    const connection = this.connectionOf(slot);
    const keys = deriveConnectionKeys(secret, this.options.securityMode);
    connection.reset(keys, 'server', this.options.securityMode, this.now);
    slot.token.set(token);
    slot.tokenKey = tokenKey;
    slot.expiresAt = Number.NaN;
    slot.state = 'reserved';
    this.byToken.set(tokenKey, slot);
    this.reserved++;
    this.metrics.reservationsMade++;
    return { ok: true, handle: slot.handle };
  }

  /**
   * Reads what arrived, runs timers (heartbeats, timeouts, lapsed reservations) and
   * returns what happened since the last call. The returned events, and the bytes of
   * message events, stay valid until the next `update`. A `now` earlier than the last
   * one (a clock set back) counts as no time passing since that update.
   */
  update(now: number): readonly NetstackEvent[] {
    if (now < this.now) this.shiftTimes(now - this.now);
    this.now = now;
    this.events.recycle();
    if (this.closed) return this.events.drain();
    this.transport.poll(now, this.receiveDatagram, this.options.maxPacketsPerUpdate);
    this.metrics.drops['queue-full'] = this.transport.droppedDatagrams;
    for (const slot of this.slots) {
      if (slot.state === 'connected') this.runConnectionTimers(slot);
      else if (slot.state === 'reserved') this.runReservationTimer(slot);
    }
    return this.events.drain();
  }

  /**
   * Sends `payload` (its first `length` bytes, when given: encode into a reused buffer
   * and send no view) to a connected client now. Returns the packet's sequence number,
   * which a later `messageAcknowledged` event names if the client receives it.
   * Throws `payload-too-large`, `not-connected` or `stale-handle`.
   */
  send(connection: ConnectionHandle, payload: Uint8Array, length = payload.length): number {
    const slot = this.connectedSlot(connection);
    checkPayloadLength(payload, length, this.maxPayload, this.options.maxPacketBytes);
    const peer = slot.connection!;
    const sequence = peer.beginPacket(PacketKind.Payload);
    copyPayload(peer.sendBuffer, payload, length);
    this.transmit(peer, peer.sealPacket(HEADER_BYTES + length, this.now), peer.peer);
    this.metrics.messagesSent++;
    return sequence;
  }

  /**
   * Ends a connection gracefully (the client is told, several times), or cancels a
   * reservation. The `disconnected` event (reason `closed`) comes with the next `update`.
   */
  disconnect(connection: ConnectionHandle): void {
    const slot = this.slotOf(connection);
    this.endSlot(slot, DisconnectReason.Closed);
  }

  /** Whether `connection` names a connected client. */
  isConnected(connection: ConnectionHandle): boolean {
    const slot = this.slots[handleSlotIndex(connection)];
    return slot?.state === 'connected' && slot.generation === handleGeneration(connection);
  }

  /** RTT and loss of a connected client (a live object: read it, do not keep it). */
  stats(connection: ConnectionHandle): ConnectionStats {
    return this.connectedSlot(connection).connection!.stats;
  }

  /** The address a connected client sends from. */
  peerAddress(connection: ConnectionHandle): PeerAddress {
    const peer = this.connectedSlot(connection).connection!.peer;
    return { address: peer.address, port: peer.port };
  }

  /** Disconnects every client (they are told), cancels every reservation, closes the transport. */
  close(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (slot.state !== 'free') this.endSlot(slot, DisconnectReason.Closed);
    }
    this.closed = true;
    this.transport.close();
  }

  private receive(bytes: Uint8Array, from: PeerAddress): void {
    this.metrics.packetsReceived++;
    this.metrics.bytesReceived += bytes.length;
    // Size and kind first, then the address (docs/packets.md, "Order of checks").
    const rejected =
      checkSizeFromClient(bytes, this.options.maxPacketBytes) ?? this.route(bytes, from);
    if (rejected !== undefined) this.metrics.drops[rejected]++;
  }

  private route(bytes: Uint8Array, from: PeerAddress): DropReason | undefined {
    const slot = this.byAddress.get(from);
    return slot === undefined ? this.admit(bytes, from) : this.accept(slot, bytes);
  }

  /** A datagram of the right size for its kind from a bound client: verified, then acted on. */
  private accept(slot: Slot, bytes: Uint8Array): DropReason | undefined {
    const peer = slot.connection!;
    const rejected = peer.verify(bytes, this.now);
    if (rejected !== undefined) return rejected;
    switch (readKind(bytes)) {
      case PacketKind.Payload:
        this.metrics.messagesReceived++;
        this.events.message(slot.handle, peer.lastVerifiedSequence, bytes);
        break;
      case PacketKind.ConnectionRequest:
        // The client has not heard our acceptance yet: repeat it (smaller than the request).
        this.sendBare(peer, PacketKind.ConnectionAccepted);
        break;
      case PacketKind.Disconnect:
        this.endSlot(slot, DisconnectReason.ClosedByPeer);
        break;
    }
    return undefined;
  }

  /**
   * A datagram from an address with no connection, of the right size for its kind: only
   * a request with a reserved token and a tag under that token's secret binds the
   * address to the slot.
   */
  private admit(bytes: Uint8Array, from: PeerAddress): DropReason | undefined {
    if (readKind(bytes) !== PacketKind.ConnectionRequest) return DropReason.UnknownAddress;
    if (!this.limiter.allow(from.address, this.now)) return DropReason.RateLimited;
    const slot = this.byToken.get(tokenKeyAt(bytes, REQUEST_TOKEN_OFFSET));
    if (slot === undefined || !requestTokenEquals(bytes, slot.token)) {
      return DropReason.UnknownToken;
    }
    if (slot.state !== 'reserved') return DropReason.TokenInUse;
    const peer = slot.connection!;
    const rejected = peer.verify(bytes, this.now);
    if (rejected !== undefined) return rejected;

    if (bytes[REQUEST_VERSION_OFFSET] !== PROTOCOL_VERSION) {
      return this.deny(slot, from, DenialReason.VersionMismatch);
    }
    if (bytes[REQUEST_MODE_OFFSET] !== this.modeByte) {
      return this.deny(slot, from, DenialReason.SecurityModeMismatch);
    }
    slot.state = 'connected';
    this.reserved--;
    this.connected++;
    peer.bind(from);
    this.byAddress.set(peer.peer, slot);
    this.metrics.connectionsOpened++;
    this.events.connected(slot.handle);
    this.sendBare(peer, PacketKind.ConnectionAccepted);
    return undefined;
  }

  /**
   * Answers a verified request the server cannot serve and ends its reservation with
   * the reason, so both sides learn it. The denial goes out twice in case one is lost:
   * 50 bytes in answer to a 58-byte request.
   */
  private deny(slot: Slot, to: PeerAddress, reason: DenialReason): DropReason {
    const peer = slot.connection!;
    for (let copy = 0; copy < 2; copy++) {
      peer.beginPacket(PacketKind.ConnectionDenied);
      peer.sendBuffer[HEADER_BYTES] = reason;
      this.transmit(peer, peer.sealPacket(HEADER_BYTES + DENIED_BODY_BYTES, this.now), to);
    }
    this.endSlot(slot, denialToReason(reason));
    return DropReason.Denied;
  }

  /** The clock went back by `-delta`: every recorded time moves with it. */
  private shiftTimes(delta: number): void {
    for (const slot of this.slots) {
      if (slot.state === 'free') continue;
      slot.connection!.shiftTimes(delta);
      slot.expiresAt += delta; // NaN (not yet started) stays NaN
    }
  }

  private runConnectionTimers(slot: Slot): void {
    const peer = slot.connection!;
    if (this.now - peer.lastReceiveTime >= this.options.timeout) {
      this.endSlot(slot, DisconnectReason.TimedOut);
    } else if (this.now - peer.lastSendTime >= this.options.heartbeatInterval) {
      this.sendBare(peer, PacketKind.Heartbeat);
    }
  }

  private runReservationTimer(slot: Slot): void {
    if (Number.isNaN(slot.expiresAt)) {
      slot.expiresAt = this.now + this.options.reservationTimeout;
    } else if (this.now >= slot.expiresAt) {
      this.metrics.reservationsExpired++;
      this.endSlot(slot, DisconnectReason.ReservationExpired);
    }
  }

  /**
   * Ends a reservation or connection: tells a connected client unless it timed out or
   * said goodbye itself, then frees the slot under a new generation.
   */
  private endSlot(slot: Slot, reason: DisconnectReason): void {
    const peer = slot.connection!;
    if (slot.state === 'connected') {
      if (reason === DisconnectReason.Closed) {
        for (let i = 0; i < this.options.disconnectPacketCount; i++) {
          this.sendBare(peer, PacketKind.Disconnect);
        }
      }
      this.byAddress.delete(peer.peer);
      this.connected--;
    } else {
      this.reserved--;
    }
    this.events.disconnected(slot.handle, reason);
    this.metrics.connectionsClosed[reason]++;
    this.byToken.delete(slot.tokenKey);
    peer.clearKeys();
    slot.token.fill(0);
    slot.state = 'free';
    slot.generation++;
    this.freeSlots.push(slot);
  }

  private sendBare(peer: Connection, kind: PacketKind): void {
    peer.beginPacket(kind);
    this.transmit(peer, peer.sealPacket(HEADER_BYTES, this.now), peer.peer);
  }

  private transmit(peer: Connection, length: number, to: PeerAddress): void {
    this.transport.send(peer.sendBuffer, length, to);
    this.metrics.packetsSent++;
    this.metrics.bytesSent += length;
  }

  private connectionOf(slot: Slot): Connection {
    if (slot.connection === undefined) {
      const monitor = this.options.monitor;
      slot.connection = new Connection(this.options.maxPacketBytes, {
        onAcknowledged: (sequence) => {
          this.metrics.messagesAcknowledged++;
          this.events.acknowledged(slot.handle, sequence);
        },
        onRttSample: monitor?.rttSampled?.bind(monitor),
      });
    }
    return slot.connection;
  }

  /** The slot `handle` names, reserved or connected; throws `stale-handle` otherwise. */
  private slotOf(handle: ConnectionHandle): Slot {
    this.assertOpen();
    const slot = Number.isInteger(handle) ? this.slots[handleSlotIndex(handle)] : undefined;
    if (
      slot === undefined ||
      slot.state === 'free' ||
      slot.generation !== handleGeneration(handle)
    ) {
      throw new NetstackError(
        'stale-handle',
        `Connection handle ${handle} names no current connection: it ended (see its ` +
          'disconnected event) and its slot may serve another client now. Forget the handle.',
      );
    }
    return slot;
  }

  private connectedSlot(handle: ConnectionHandle): Slot {
    const slot = this.slotOf(handle);
    if (slot.state !== 'connected') {
      throw new NetstackError(
        'not-connected',
        `Connection handle ${handle} is reserved but its client has not connected yet; ` +
          'wait for its connected event before sending.',
      );
    }
    return slot;
  }

  private assertOpen(): void {
    if (this.closed) throw new NetstackError('closed', 'This server was closed; create a new one.');
  }
}

/** The check of a datagram's size and kind, for one a client may send. */
function checkSizeFromClient(bytes: Uint8Array, maxPacketBytes: number): DropReason | undefined {
  const length = bytes.length;
  if (length < PACKET_OVERHEAD_BYTES || length > maxPacketBytes) return DropReason.Malformed;
  switch (readKind(bytes)) {
    case PacketKind.Payload:
      return undefined;
    case PacketKind.Heartbeat:
    case PacketKind.Disconnect:
      return length === PACKET_OVERHEAD_BYTES ? undefined : DropReason.Malformed;
    case PacketKind.ConnectionRequest:
      return length === REQUEST_BYTES ? undefined : DropReason.Malformed;
    default:
      return DropReason.UnexpectedKind;
  }
}

function failure(code: 'token-in-use' | 'server-full', message: string): ReserveResult {
  return { ok: false, error: new NetstackError(code, message) };
}
