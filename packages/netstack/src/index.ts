/**
 * `@netstack/core`: UDP networking for real-time games.
 *
 * Servers and clients, driven by your game loop with an explicit `now`; packets signed
 * (HMAC-SHA256) or encrypted per server; acks, replay protection, RTT and loss per
 * connection. Subpaths: `@netstack/core/serialization` (what generated codecs import),
 * `@netstack/core/testing` (a simulated network with a seeded link conditioner).
 */

export { DisconnectReason } from './connection/disconnectReason.js';
export { Client, type ClientState } from './endpoints/client.js';
export type { ConnectionHandle } from './endpoints/connectionHandle.js';
export type { ConnectionStats } from './endpoints/connectionStats.js';
export type {
  ConnectedEvent,
  DisconnectedEvent,
  MessageAcknowledgedEvent,
  MessageEvent,
  NetstackEvent,
} from './endpoints/events.js';
export type { ClientOptions, EndpointOptions, ServerOptions } from './endpoints/options.js';
export { type ReserveResult, Server } from './endpoints/server.js';
export { NetstackError, type NetstackErrorCode } from './errors.js';
export { DropReason } from './monitoring/dropReason.js';
export { EndpointMetrics, type Monitor } from './monitoring/endpointMetrics.js';
export { PACKET_OVERHEAD_BYTES } from './packets/header.js';
export type { SecurityMode } from './security/securityMode.js';
/** Field widths for messages declared for netstack-codegen (see docs/codegen.md). */
export type {
  f32,
  f64,
  i8,
  i16,
  i32,
  i64,
  quantized,
  u8,
  u16,
  u32,
  u64,
  varint,
  zigzag,
} from './serialization/index.js';
export type { DatagramVisitor, PeerAddress, Transport } from './transport/transport.js';
export { UdpTransport, type UdpTransportOptions } from './transport/udpTransport.js';
