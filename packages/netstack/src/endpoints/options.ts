import { NetstackError } from '../errors.js';
import type { Monitor } from '../monitoring/endpointMetrics.js';
import { REQUEST_BYTES } from '../packets/connectionRequest.js';
import { HEADER_BYTES, PACKET_OVERHEAD_BYTES } from '../packets/header.js';
import type { SecurityMode } from '../security/securityMode.js';
import type { Transport } from '../transport/transport.js';
import { MAX_SLOTS } from './connectionHandle.js';

/** What servers and clients share. Times are in milliseconds, on the clock you pass as `now`. */
export interface EndpointOptions {
  /** Moves the datagrams: a `UdpTransport`, or a `MemoryNetwork` transport in tests. */
  transport: Transport;
  /**
   * Send a heartbeat when nothing else was sent for this long, so the peer knows we are
   * here and gets our acks.
   * @default 100
   */
  heartbeatInterval?: number;
  /**
   * End a connection when nothing verified arrived from the peer for this long.
   * @default 10_000
   */
  timeout?: number;
  /**
   * The largest datagram sent or accepted, header and tag included. A payload may be
   * `maxPacketBytes - 24` bytes. 1200 fits the IPv6 minimum MTU with room to spare.
   * @default 1200
   */
  maxPacketBytes?: number;
  /**
   * `sign` (HMAC, payloads in the clear) or `encrypt` (payloads confidential too).
   * Client and server must agree.
   * @default 'sign'
   */
  securityMode?: SecurityMode;
  /**
   * How many disconnect packets a graceful disconnect sends, since UDP may lose some.
   * @default 3
   */
  disconnectPacketCount?: number;
  /**
   * At most this many datagrams are processed per `update`; the rest wait for the next
   * one, so a flood cannot stall the game loop.
   * @default 4096
   */
  maxPacketsPerUpdate?: number;
  /** Hooks for samples (round-trip times) as they happen. Counters are in `metrics`. */
  monitor?: Monitor;
}

/** Options of a `Server`. */
export interface ServerOptions extends EndpointOptions {
  /**
   * Slots for connections, reserved or connected. `reserve` fails with `server-full`
   * when all are taken.
   * @default 64
   */
  maxConnections?: number;
  /**
   * How long a reserved slot waits for its client to connect, from the `update` that
   * follows `reserve`.
   * @default 10_000
   */
  reservationTimeout?: number;
  /**
   * Connection requests one address may send per second, on average (a token bucket,
   * as WireGuard limits handshakes). Requests over it are dropped unread.
   * @default 20
   */
  requestsPerSecondPerAddress?: number;
  /**
   * How many requests an address may send at once before the rate applies.
   * @default 10
   */
  requestBurstPerAddress?: number;
}

/** Options of a `Client`. */
export interface ClientOptions extends EndpointOptions {
  /**
   * Resend the connection request this often until the server answers.
   * @default 100
   */
  connectRetryInterval?: number;
  /**
   * Give up connecting after this long without an answer.
   * @default 5_000
   */
  connectTimeout?: number;
}

/** Options with every default filled in. */
export type Resolved<T> = Required<Omit<T, 'monitor'>> & { monitor: Monitor | undefined };

const MAX_UDP_PAYLOAD = 65_507;

export function resolveEndpointOptions(options: EndpointOptions): Resolved<EndpointOptions> {
  if (options === null || typeof options !== 'object' || options.transport === undefined) {
    throw new NetstackError(
      'invalid-options',
      'Pass an options object with a transport, e.g. { transport: await UdpTransport.bind({ port: 40000 }) }.',
    );
  }
  const resolved = {
    transport: options.transport,
    heartbeatInterval: options.heartbeatInterval ?? 100,
    timeout: options.timeout ?? 10_000,
    maxPacketBytes: options.maxPacketBytes ?? 1200,
    securityMode: options.securityMode ?? 'sign',
    disconnectPacketCount: options.disconnectPacketCount ?? 3,
    maxPacketsPerUpdate: options.maxPacketsPerUpdate ?? 4096,
    monitor: options.monitor,
  };
  checkRange('heartbeatInterval', resolved.heartbeatInterval, 1, 60_000);
  checkRange('timeout', resolved.timeout, resolved.heartbeatInterval + 1, 3_600_000);
  checkRange('maxPacketBytes', resolved.maxPacketBytes, REQUEST_BYTES, MAX_UDP_PAYLOAD);
  checkRange('disconnectPacketCount', resolved.disconnectPacketCount, 1, 100);
  checkRange('maxPacketsPerUpdate', resolved.maxPacketsPerUpdate, 1, 1_000_000);
  if (resolved.securityMode !== 'sign' && resolved.securityMode !== 'encrypt') {
    throw new NetstackError(
      'invalid-options',
      `securityMode must be 'sign' or 'encrypt', not ${JSON.stringify(resolved.securityMode)}.`,
    );
  }
  return resolved;
}

export function resolveServerOptions(options: ServerOptions): Resolved<ServerOptions> {
  const resolved = {
    ...resolveEndpointOptions(options),
    maxConnections: options.maxConnections ?? 64,
    reservationTimeout: options.reservationTimeout ?? 10_000,
    requestsPerSecondPerAddress: options.requestsPerSecondPerAddress ?? 20,
    requestBurstPerAddress: options.requestBurstPerAddress ?? 10,
  };
  checkRange('maxConnections', resolved.maxConnections, 1, MAX_SLOTS);
  checkRange('reservationTimeout', resolved.reservationTimeout, 1, 3_600_000);
  checkRange('requestsPerSecondPerAddress', resolved.requestsPerSecondPerAddress, 0.001, 1_000_000);
  checkRange('requestBurstPerAddress', resolved.requestBurstPerAddress, 1, 1_000_000);
  return resolved;
}

export function resolveClientOptions(options: ClientOptions): Resolved<ClientOptions> {
  const resolved = {
    ...resolveEndpointOptions(options),
    connectRetryInterval: options.connectRetryInterval ?? 100,
    connectTimeout: options.connectTimeout ?? 5_000,
  };
  checkRange('connectRetryInterval', resolved.connectRetryInterval, 1, 60_000);
  checkRange('connectTimeout', resolved.connectTimeout, 1, 3_600_000);
  return resolved;
}

/** The largest payload `send` accepts with these options. */
export function maxPayloadBytes(maxPacketBytes: number): number {
  return maxPacketBytes - PACKET_OVERHEAD_BYTES;
}

function checkRange(name: string, value: number, min: number, max: number): void {
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    throw new NetstackError(
      'invalid-options',
      `${name} must be a number from ${min} to ${max}, but is ${String(value)}.`,
    );
  }
}

/**
 * Throws unless `payload[0, length)` is a payload `send` can take: a Uint8Array, a whole
 * number of bytes it holds, and at most `max` of them.
 */
export function checkPayloadLength(
  payload: Uint8Array,
  length: number,
  max: number,
  maxPacketBytes: number,
): void {
  if (!(payload instanceof Uint8Array)) {
    throw new TypeError(
      `send takes the payload as a Uint8Array (or Buffer), not ${typeof payload}.`,
    );
  }
  if (!Number.isInteger(length) || length < 0 || length > payload.length) {
    throw new RangeError(
      `send was asked for ${length} bytes of a ${payload.length}-byte payload; pass a length from 0 to ${payload.length}.`,
    );
  }
  if (length > max) {
    throw new NetstackError(
      'payload-too-large',
      `The payload is ${length} bytes, but at most ${max} fit in a packet of maxPacketBytes ` +
        `(${maxPacketBytes}) after netstack's 24 bytes. Send less (split the state), or raise ` +
        'maxPacketBytes on both ends if every path between them carries larger datagrams.',
    );
  }
}

/** Copies `payload[0, length)` into a packet after its header, making no view. */
export function copyPayload(packet: Uint8Array, payload: Uint8Array, length: number): void {
  if (length === payload.length) {
    packet.set(payload, HEADER_BYTES);
    return;
  }
  for (let i = 0; i < length; i++) packet[HEADER_BYTES + i] = payload[i]!;
}
