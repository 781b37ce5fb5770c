import { DISCONNECT_REASONS, type DisconnectReason } from '../connection/disconnectReason.js';
import { DROP_REASONS, type DropReason } from './dropReason.js';

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

/**
 * Counters an endpoint keeps as it works: plain numbers, incremented in place, read
 * whenever you like (a Prometheus scrape, a debug overlay). They only grow.
 *
 * @example
 * ```ts
 * setInterval(() => console.log(server.metrics.packetsReceived, server.metrics.drops), 1000);
 * ```
 */
export class EndpointMetrics {
  /** Datagrams handed to the endpoint, valid or not. */
  packetsReceived = 0;
  bytesReceived = 0;
  /** Datagrams sent, of every kind. */
  packetsSent = 0;
  bytesSent = 0;
  /** Payload packets delivered to the game as `message` events. */
  messagesReceived = 0;
  /** Payload packets sent with `send`. */
  messagesSent = 0;
  /** Payload packets the peer acknowledged (`messageAcknowledged` events). */
  messagesAcknowledged = 0;
  /** Connections that came up. */
  connectionsOpened = 0;
  /** Connections that ended, by reason. */
  readonly connectionsClosed: Record<DisconnectReason, number> = zeroes(DISCONNECT_REASONS);
  /** Datagrams dropped, by reason. */
  readonly drops: Record<DropReason, number> = zeroes(DROP_REASONS);
  /** Server: slots reserved with `reserve`. */
  reservationsMade = 0;
  /** Server: reserved slots whose client never connected in time. */
  reservationsExpired = 0;
}

/**
 * Optional hooks for figures that are samples rather than counts, called as they
 * happen (keep them cheap: they run on the packet path).
 *
 * @example
 * ```ts
 * const rtt = new Histogram({ name: 'netstack_rtt_ms', help: 'Round-trip time' });
 * const server = new Server({ transport, monitor: { rttSampled: (ms) => rtt.observe(ms) } });
 * ```
 */
export interface Monitor {
  /** A round-trip time sample in milliseconds, from a newly acknowledged packet. */
  rttSampled?(milliseconds: number): void;
}
