import type { Connection } from '../connection/connection.js';
import type { Client } from '../endpoints/client.js';
import { type ConnectionHandle, handleSlotIndex } from '../endpoints/connectionHandle.js';
import type { Server } from '../endpoints/server.js';
import type { EndpointMetrics } from '../monitoring/endpointMetrics.js';

/**
 * What a test can see of an endpoint, as plain data, so "this attack changed nothing"
 * is one `expect(after).toEqual(before)`.
 *
 * It reads private fields through the narrow views below (test support only: no public
 * API exists for this). Left out on purpose: the counters every datagram moves, valid or
 * not (`packetsReceived`, `bytesReceived`, `drops`), and the per-address request buckets
 * (a request spends its address's token before it is looked at, by design).
 */
export interface ConnectionSnapshot {
  readonly peer: string;
  readonly nextSequence: number;
  readonly lastSendTime: number;
  readonly lastReceiveTime: number;
  readonly lastVerifiedSequence: number;
  /** The replay window: its newest sequence and all 256 cells. */
  readonly replayLatest: number;
  readonly replayCells: readonly number[];
  readonly ackBits: number;
  /** The sent-packet ring: what is remembered, what was acknowledged, what was judged. */
  readonly latestSent: number;
  readonly newestAck: number;
  readonly judgedUpTo: number;
  readonly sentSequences: readonly number[];
  readonly sentFlags: readonly number[];
  readonly stats: { rtt: number; rttVariance: number; latestRtt: number; packetLoss: number };
  readonly hasKeys: boolean;
}

export interface SlotSnapshot {
  readonly index: number;
  readonly state: string;
  readonly generation: number;
  readonly expiresAt: number;
  readonly tokenKey: number;
  readonly connection: ConnectionSnapshot | undefined;
}

export interface ServerSnapshot {
  readonly reservedCount: number;
  readonly connectedCount: number;
  readonly slots: readonly SlotSnapshot[];
  readonly boundAddresses: number;
  readonly reservedTokens: number;
  readonly pendingEvents: number;
  readonly metrics: MetricsSnapshot;
}

export interface ClientSnapshot {
  readonly state: string;
  readonly handle: number;
  readonly connectStartedAt: number;
  readonly nextRequestAt: number;
  readonly connection: ConnectionSnapshot;
  readonly pendingEvents: number;
  readonly metrics: MetricsSnapshot;
}

export type MetricsSnapshot = Omit<
  EndpointMetrics,
  'packetsReceived' | 'bytesReceived' | 'drops' | 'connectionsClosed'
> & { readonly connectionsClosed: Record<string, number> };

// Narrow views of private state: only what a snapshot reads.
interface SlotView {
  readonly index: number;
  readonly state: string;
  readonly generation: number;
  readonly expiresAt: number;
  readonly tokenKey: number;
  readonly connection: Connection | undefined;
}
interface ServerView {
  readonly slots: readonly SlotView[];
  readonly byAddress: { readonly byAddress: ReadonlyMap<string, ReadonlyMap<number, unknown>> };
  readonly byToken: ReadonlyMap<number, unknown>;
  readonly events: EventQueueView;
}
interface ClientView {
  readonly connection: Connection;
  readonly connectStartedAt: number;
  readonly nextRequestAt: number;
  readonly events: EventQueueView;
}
interface EventQueueView {
  readonly pending: readonly unknown[];
}
interface ReplayWindowView {
  readonly received: Float64Array;
}
interface SentPacketsView {
  readonly newestAck: number;
  readonly judgedUpTo: number;
  readonly sequences: Float64Array;
  readonly flags: Uint8Array;
}
interface ConnectionKeysView {
  readonly inboundTraffic: unknown;
}

/** The connection a server handle names, for tests that reach inside it. */
export function serverConnection(server: Server, handle: ConnectionHandle): Connection {
  const slot = (server as unknown as ServerView).slots[handleSlotIndex(handle as ConnectionHandle)];
  if (slot?.connection === undefined) throw new Error(`no connection in the slot of ${handle}`);
  return slot.connection;
}

/** The client's connection, for tests that reach inside it. */
export function clientConnection(client: Client): Connection {
  return (client as unknown as ClientView).connection;
}

export function observeServer(server: Server): ServerSnapshot {
  const view = server as unknown as ServerView;
  let boundAddresses = 0;
  for (const ports of view.byAddress.byAddress.values()) boundAddresses += ports.size;
  return {
    reservedCount: server.reservedCount,
    connectedCount: server.connectedCount,
    slots: view.slots
      .filter((slot) => slot.state !== 'free')
      .map((slot) => ({
        index: slot.index,
        state: slot.state,
        generation: slot.generation,
        expiresAt: slot.expiresAt,
        tokenKey: slot.tokenKey,
        connection: slot.connection && observeConnection(slot.connection),
      })),
    boundAddresses,
    reservedTokens: view.byToken.size,
    pendingEvents: view.events.pending.length,
    metrics: observeMetrics(server.metrics),
  };
}

export function observeClient(client: Client): ClientSnapshot {
  const view = client as unknown as ClientView;
  return {
    state: client.state,
    handle: client.handle,
    connectStartedAt: view.connectStartedAt,
    nextRequestAt: view.nextRequestAt,
    connection: observeConnection(view.connection),
    pendingEvents: view.events.pending.length,
    metrics: observeMetrics(client.metrics),
  };
}

/** Both ends at once: `expect(observe(server, client)).toEqual(before)`. */
export function observe(
  server: Server,
  ...clients: Client[]
): { server: ServerSnapshot; clients: ClientSnapshot[] } {
  return { server: observeServer(server), clients: clients.map(observeClient) };
}

function observeConnection(connection: Connection): ConnectionSnapshot {
  const window = connection.received as unknown as ReplayWindowView;
  const sent = connection.sent as unknown as SentPacketsView;
  const { rtt, rttVariance, latestRtt, packetLoss } = connection.stats;
  return {
    peer: `${connection.peer.address}|${connection.peer.port}`,
    nextSequence: connection.nextSequence,
    lastSendTime: connection.lastSendTime,
    lastReceiveTime: connection.lastReceiveTime,
    lastVerifiedSequence: connection.lastVerifiedSequence,
    replayLatest: connection.received.latest,
    replayCells: Array.from(window.received),
    ackBits: connection.received.ackBits(),
    latestSent: connection.sent.latestSent,
    newestAck: sent.newestAck,
    judgedUpTo: sent.judgedUpTo,
    sentSequences: Array.from(sent.sequences),
    sentFlags: Array.from(sent.flags),
    stats: { rtt, rttVariance, latestRtt, packetLoss },
    hasKeys: (connection as unknown as ConnectionKeysView).inboundTraffic !== undefined,
  };
}

function observeMetrics(metrics: EndpointMetrics): MetricsSnapshot {
  return {
    packetsSent: metrics.packetsSent,
    bytesSent: metrics.bytesSent,
    messagesReceived: metrics.messagesReceived,
    messagesSent: metrics.messagesSent,
    messagesAcknowledged: metrics.messagesAcknowledged,
    connectionsOpened: metrics.connectionsOpened,
    connectionsClosed: { ...metrics.connectionsClosed },
    reservationsMade: metrics.reservationsMade,
    reservationsExpired: metrics.reservationsExpired,
  };
}

/** The sum of every drop counter: each rejected datagram adds exactly one. */
export function totalDrops(metrics: EndpointMetrics): number {
  return Object.values(metrics.drops).reduce((sum, count) => sum + count, 0);
}

/** Drop counters by reason, as a plain object (for `toEqual` with the counts expected). */
export function dropsSince(
  metrics: EndpointMetrics,
  before: Readonly<Record<string, number>>,
): Record<string, number> {
  const grown: Record<string, number> = {};
  for (const [reason, count] of Object.entries(metrics.drops)) {
    const delta = count - (before[reason] ?? 0);
    if (delta !== 0) grown[reason] = delta;
  }
  return grown;
}
