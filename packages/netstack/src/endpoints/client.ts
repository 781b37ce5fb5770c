import { Connection } from '../connection/connection.js';
import { DisconnectReason } from '../connection/disconnectReason.js';
import { NetstackError } from '../errors.js';
import { DropReason } from '../monitoring/dropReason.js';
import { EndpointMetrics } from '../monitoring/endpointMetrics.js';
import { DENIED_BODY_BYTES, denialToReason } from '../packets/connectionDenied.js';
import { writeRequestBody } from '../packets/connectionRequest.js';
import { HEADER_BYTES, PACKET_OVERHEAD_BYTES, readKind } from '../packets/header.js';
import { PacketKind } from '../packets/packetKind.js';
import { assertKeyBytes, deriveConnectionKeys } from '../security/connectionKeys.js';
import { securityModeByte } from '../security/securityMode.js';
import type { DatagramVisitor, PeerAddress, Transport } from '../transport/transport.js';
import { type ConnectionHandle, makeHandle } from './connectionHandle.js';
import type { ConnectionStats } from './connectionStats.js';
import { EventQueue } from './eventQueue.js';
import type { NetstackEvent } from './events.js';
import {
  type ClientOptions,
  checkPayloadLength,
  copyPayload,
  maxPayloadBytes,
  type Resolved,
  resolveClientOptions,
} from './options.js';

/** Where a client is: `disconnected` → `connecting` → `connected` → `disconnected`. */
export type ClientState = 'disconnected' | 'connecting' | 'connected';

/**
 * The client end: connects to one server with the secret and token its token endpoint
 * handed out, then exchanges packets with it.
 *
 * Drive it from your game loop like the server: `update(now)` returns events, `send`
 * returns the sequence number that a later `messageAcknowledged` event names.
 *
 * @example
 * ```ts
 * const client = new Client({ transport: await UdpTransport.bind({ address: '0.0.0.0' }) });
 * client.connect({ address: '203.0.113.7', port: 40000 }, secret, token);
 * setInterval(() => {
 *   for (const event of client.update(performance.now())) {
 *     if (event.type === 'connected') client.send(hello);
 *   }
 * }, 1000 / 60);
 * ```
 */
export class Client {
  /** Counters: packets, bytes, drops by reason. */
  readonly metrics = new EndpointMetrics();
  private readonly options: Resolved<ClientOptions>;
  private readonly transport: Transport;
  private readonly connection: Connection;
  private readonly events = new EventQueue();
  private readonly token = new Uint8Array(32);
  private readonly maxPayload: number;
  private currentState: ClientState = 'disconnected';
  /** Bumped by each `connect`, so events of an earlier connection carry another handle. */
  private generation = 0;
  private connectStartedAt = Number.NaN;
  private nextRequestAt = 0;
  private now = 0;
  private closed = false;
  private readonly receiveDatagram: DatagramVisitor = (bytes, from) => this.receive(bytes, from);

  constructor(options: ClientOptions) {
    this.options = resolveClientOptions(options);
    this.transport = this.options.transport;
    this.maxPayload = maxPayloadBytes(this.options.maxPacketBytes);
    const monitor = this.options.monitor;
    this.connection = new Connection(this.options.maxPacketBytes, {
      onAcknowledged: (sequence) => {
        this.metrics.messagesAcknowledged++;
        this.events.acknowledged(this.handle, sequence);
      },
      onRttSample: monitor?.rttSampled?.bind(monitor),
    });
  }

  get state(): ClientState {
    return this.currentState;
  }

  /** The handle events of the current (or last) connection carry. */
  get handle(): ConnectionHandle {
    return makeHandle(0, this.generation);
  }

  /** RTT and loss of the connection (a live object: read it, do not keep it). */
  get stats(): ConnectionStats {
    return this.connection.stats;
  }

  /**
   * Starts connecting to `server` with the `secret` and `token` the token endpoint gave
   * out. Requests go out from the next `update`, every `connectRetryInterval`, until
   * the server answers (a `connected` event) or `connectTimeout` passes (a
   * `disconnected` event with reason `connect-timed-out`).
   */
  connect(server: PeerAddress, secret: Uint8Array, token: Uint8Array): void {
    this.assertOpen();
    if (this.currentState !== 'disconnected') {
      throw new NetstackError(
        'already-connecting',
        `The client is ${this.currentState}; call disconnect() before connecting again.`,
      );
    }
    assertKeyBytes(secret, 'secret');
    assertKeyBytes(token, 'token');
    this.transport.checkAddress(server);
    const keys = deriveConnectionKeys(secret, this.options.securityMode);
    this.connection.reset(keys, 'client', this.options.securityMode, this.now);
    this.connection.bind(server);
    this.token.set(token);
    this.generation++;
    this.currentState = 'connecting';
    this.connectStartedAt = Number.NaN;
    this.nextRequestAt = Number.NEGATIVE_INFINITY;
  }

  /**
   * Reads what arrived, runs timers (requests, heartbeats, timeouts) and returns what
   * happened since the last call. The returned events, and the bytes of message events,
   * stay valid until the next `update`. A `now` earlier than the last one (a clock set
   * back) counts as no time passing since that update.
   */
  update(now: number): readonly NetstackEvent[] {
    if (now < this.now) this.shiftTimes(now - this.now);
    this.now = now;
    this.events.recycle();
    if (this.closed) return this.events.drain();
    this.transport.poll(now, this.receiveDatagram, this.options.maxPacketsPerUpdate);
    this.metrics.drops['queue-full'] = this.transport.droppedDatagrams;
    if (this.currentState === 'connecting') this.runConnectTimers();
    else if (this.currentState === 'connected') this.runConnectionTimers();
    return this.events.drain();
  }

  /**
   * Sends `payload` (its first `length` bytes, when given) to the server now and
   * returns the packet's sequence number. Throws `not-connected` or `payload-too-large`.
   */
  send(payload: Uint8Array, length = payload.length): number {
    this.assertOpen();
    if (this.currentState !== 'connected') {
      throw new NetstackError(
        'not-connected',
        `The client is ${this.currentState}; wait for the connected event before sending.`,
      );
    }
    checkPayloadLength(payload, length, this.maxPayload, this.options.maxPacketBytes);
    const peer = this.connection;
    const sequence = peer.beginPacket(PacketKind.Payload);
    copyPayload(peer.sendBuffer, payload, length);
    this.transmit(peer.sealPacket(HEADER_BYTES + length, this.now));
    this.metrics.messagesSent++;
    return sequence;
  }

  /**
   * Leaves gracefully (the server is told, several times) or stops connecting. The
   * `disconnected` event (reason `closed`) comes with the next `update`.
   */
  disconnect(): void {
    this.assertOpen();
    if (this.currentState === 'disconnected') return;
    for (let i = 0; i < this.options.disconnectPacketCount; i++)
      this.sendBare(PacketKind.Disconnect);
    this.end(DisconnectReason.Closed);
  }

  /** Disconnects if connected, then closes the transport. */
  close(): void {
    if (this.closed) return;
    this.disconnect();
    this.closed = true;
    this.transport.close();
  }

  private receive(bytes: Uint8Array, from: PeerAddress): void {
    this.metrics.packetsReceived++;
    this.metrics.bytesReceived += bytes.length;
    const rejected = this.accept(bytes, from);
    if (rejected !== undefined) this.metrics.drops[rejected]++;
  }

  /**
   * A datagram: checked (size and kind, then the address, as docs/packets.md orders
   * them), verified, then acted on; or why it was dropped.
   */
  private accept(bytes: Uint8Array, from: PeerAddress): DropReason | undefined {
    if (bytes.length < PACKET_OVERHEAD_BYTES || bytes.length > this.options.maxPacketBytes) {
      return DropReason.Malformed;
    }
    const kind = readKind(bytes);
    const wrongSize = checkSizeFromServer(kind, bytes.length);
    if (wrongSize !== undefined) return wrongSize;
    if (this.currentState === 'disconnected' || !this.connection.isFrom(from)) {
      return DropReason.UnknownAddress;
    }
    const rejected = this.connection.verify(bytes, this.now);
    if (rejected !== undefined) return rejected;

    if (kind === PacketKind.Disconnect) {
      this.end(DisconnectReason.ClosedByPeer);
    } else if (kind === PacketKind.ConnectionDenied) {
      if (this.currentState === 'connecting') this.end(denialToReason(bytes[HEADER_BYTES]!));
    } else {
      if (this.currentState === 'connecting') {
        this.currentState = 'connected';
        this.metrics.connectionsOpened++;
        this.events.connected(this.handle);
      }
      if (kind === PacketKind.Payload) {
        this.metrics.messagesReceived++;
        this.events.message(this.handle, this.connection.lastVerifiedSequence, bytes);
      }
    }
    return undefined;
  }

  /** The clock went back by `-delta`: every recorded time moves with it. */
  private shiftTimes(delta: number): void {
    this.connection.shiftTimes(delta);
    this.connectStartedAt += delta; // NaN (not yet started) stays NaN
    this.nextRequestAt += delta; // -Infinity (at once) stays -Infinity
  }

  private runConnectTimers(): void {
    if (Number.isNaN(this.connectStartedAt)) this.connectStartedAt = this.now;
    if (this.now - this.connectStartedAt >= this.options.connectTimeout) {
      this.end(DisconnectReason.ConnectTimedOut);
    } else if (this.now >= this.nextRequestAt) {
      this.nextRequestAt = this.now + this.options.connectRetryInterval;
      const peer = this.connection;
      peer.beginPacket(PacketKind.ConnectionRequest);
      const bodyEnd = writeRequestBody(
        peer.sendBuffer,
        securityModeByte(this.options.securityMode),
        this.token,
      );
      this.transmit(peer.sealPacket(bodyEnd, this.now));
    }
  }

  private runConnectionTimers(): void {
    const peer = this.connection;
    if (this.now - peer.lastReceiveTime >= this.options.timeout) {
      this.end(DisconnectReason.TimedOut);
    } else if (this.now - peer.lastSendTime >= this.options.heartbeatInterval) {
      this.sendBare(PacketKind.Heartbeat);
    }
  }

  private end(reason: DisconnectReason): void {
    this.currentState = 'disconnected';
    this.connection.clearKeys();
    this.token.fill(0);
    this.events.disconnected(this.handle, reason);
    this.metrics.connectionsClosed[reason]++;
  }

  private sendBare(kind: PacketKind): void {
    this.connection.beginPacket(kind);
    this.transmit(this.connection.sealPacket(HEADER_BYTES, this.now));
  }

  private transmit(length: number): void {
    this.transport.send(this.connection.sendBuffer, length, this.connection.peer);
    this.metrics.packetsSent++;
    this.metrics.bytesSent += length;
  }

  private assertOpen(): void {
    if (this.closed) throw new NetstackError('closed', 'This client was closed; create a new one.');
  }
}

function checkSizeFromServer(kind: number, length: number): DropReason | undefined {
  switch (kind) {
    case PacketKind.Payload:
      return undefined;
    case PacketKind.ConnectionAccepted:
    case PacketKind.Heartbeat:
    case PacketKind.Disconnect:
      return length === PACKET_OVERHEAD_BYTES ? undefined : DropReason.Malformed;
    case PacketKind.ConnectionDenied:
      return length === PACKET_OVERHEAD_BYTES + DENIED_BODY_BYTES
        ? undefined
        : DropReason.Malformed;
    default:
      return DropReason.UnexpectedKind;
  }
}
