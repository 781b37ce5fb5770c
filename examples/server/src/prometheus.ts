import type { Monitor, Server } from '@netstack/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * netstack's counters as Prometheus metrics (prom-client). The server keeps plain
 * counters in `server.metrics`; this mirrors them at each scrape, and records round-trip
 * samples through the server's `monitor` hook as they happen.
 *
 * @example
 * ```ts
 * const prometheus = new NetstackPrometheus();
 * const server = new Server({ transport, monitor: prometheus.monitor });
 * prometheus.watch(server);
 * app.get('/metrics', async (_req, res) => res.type(prometheus.contentType).send(await prometheus.scrape()));
 * ```
 */
export class NetstackPrometheus {
  readonly registry = new Registry();
  readonly monitor: Monitor;
  private readonly rtt: Histogram;
  private readonly loss: Histogram;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.rtt = new Histogram({
      name: 'netstack_rtt_milliseconds',
      help: 'Round-trip time samples, one per newly acknowledged packet.',
      buckets: [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      registers: [this.registry],
    });
    this.loss = new Histogram({
      name: 'netstack_packet_loss_ratio',
      help: "Each connection's estimated packet loss, sampled once a second.",
      buckets: [0, 0.001, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1],
      registers: [this.registry],
    });
    const rtt = this.rtt;
    this.monitor = { rttSampled: (milliseconds) => rtt.observe(milliseconds) };
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  /** Samples each connection's loss estimate (call once a second). */
  sampleLoss(losses: Iterable<number>): void {
    for (const loss of losses) this.loss.observe(loss);
  }

  /** Registers gauges and counters that read `server` at each scrape. */
  watch(server: Server): void {
    const registers = [this.registry];
    const metrics = server.metrics;
    new Gauge({
      name: 'netstack_connections',
      help: 'Slots in use, by state.',
      labelNames: ['state'],
      registers,
      collect() {
        this.set({ state: 'reserved' }, server.reservedCount);
        this.set({ state: 'connected' }, server.connectedCount);
      },
    });
    mirror('netstack_packets_total', 'Datagrams, by direction.', ['direction'], () => [
      [{ direction: 'received' }, metrics.packetsReceived],
      [{ direction: 'sent' }, metrics.packetsSent],
    ]);
    mirror('netstack_bytes_total', 'Datagram bytes, by direction.', ['direction'], () => [
      [{ direction: 'received' }, metrics.bytesReceived],
      [{ direction: 'sent' }, metrics.bytesSent],
    ]);
    mirror(
      'netstack_messages_total',
      'Payload packets: received, sent, acknowledged by the peer.',
      ['event'],
      () => [
        [{ event: 'received' }, metrics.messagesReceived],
        [{ event: 'sent' }, metrics.messagesSent],
        [{ event: 'acknowledged' }, metrics.messagesAcknowledged],
      ],
    );
    mirror('netstack_drops_total', 'Datagrams dropped, by reason.', ['reason'], () =>
      Object.entries(metrics.drops).map(([reason, count]) => [{ reason }, count]),
    );
    mirror('netstack_connections_opened_total', 'Connections that came up.', [], () => [
      [{}, metrics.connectionsOpened],
    ]);
    mirror(
      'netstack_connections_closed_total',
      'Connections and reservations that ended, by reason.',
      ['reason'],
      () => Object.entries(metrics.connectionsClosed).map(([reason, count]) => [{ reason }, count]),
    );
    mirror('netstack_reservations_total', 'Slots reserved by the token endpoint.', [], () => [
      [{}, metrics.reservationsMade],
    ]);
    mirror(
      'netstack_reservations_expired_total',
      'Reserved slots whose client never connected in time.',
      [],
      () => [[{}, metrics.reservationsExpired]],
    );

    function mirror(
      name: string,
      help: string,
      labelNames: string[],
      read: () => [Record<string, string>, number][],
    ): void {
      new Counter({
        name,
        help,
        labelNames,
        registers,
        collect() {
          this.reset();
          for (const [labels, value] of read()) this.inc(labels, value);
        },
      });
    }
  }
}
