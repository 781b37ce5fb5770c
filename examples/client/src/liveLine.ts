import type { GameClient } from './gameClient.js';

/** Totals over every client, for the live line and the summary. */
export interface Totals {
  clients: number;
  connected: number;
  everConnected: number;
  inputsSent: number;
  inputsAcknowledged: number;
  snapshots: number;
  deltaSnapshots: number;
  snapshotBytes: number;
  missingBaselines: number;
  decodeErrors: number;
  /** Mean smoothed RTT of connected clients, ms. */
  rtt: number;
  /** Mean packet loss estimate of connected clients, 0 to 1. */
  loss: number;
  playersInView: number;
}

export function totals(clients: readonly GameClient[]): Totals {
  const sum = (pick: (client: GameClient) => number) =>
    clients.reduce((total, client) => total + pick(client), 0);
  const connected = clients.filter((client) => client.stats.connected);
  const mean = (pick: (client: GameClient) => number) =>
    connected.length === 0
      ? 0
      : connected.reduce((total, client) => total + pick(client), 0) / connected.length;
  return {
    clients: clients.length,
    connected: connected.length,
    everConnected: sum((c) => (c.stats.everConnected ? 1 : 0)),
    inputsSent: sum((c) => c.stats.inputsSent),
    inputsAcknowledged: sum((c) => c.stats.inputsAcknowledged),
    snapshots: sum((c) => c.stats.snapshots),
    deltaSnapshots: sum((c) => c.stats.deltaSnapshots),
    snapshotBytes: sum((c) => c.stats.snapshotBytes),
    missingBaselines: sum((c) => c.stats.missingBaselines),
    decodeErrors: sum((c) => c.stats.decodeErrors),
    rtt: mean((c) => c.client.stats.rtt),
    loss: mean((c) => c.client.stats.packetLoss),
    playersInView: Math.max(0, ...clients.map((c) => c.stats.playersInView)),
  };
}

/** One line: connected, sent, acked, RTT, loss, what the snapshots look like. */
export function formatLine(t: Totals): string {
  const averageSnapshot = t.snapshots === 0 ? 0 : Math.round(t.snapshotBytes / t.snapshots);
  return (
    `connected ${t.connected}/${t.clients} | inputs sent ${t.inputsSent} acked ${t.inputsAcknowledged}` +
    ` | rtt ${t.rtt.toFixed(1)} ms | loss ${(t.loss * 100).toFixed(1)}%` +
    ` | snapshots ${t.snapshots} (${t.deltaSnapshots} deltas, ${averageSnapshot} B avg) | players ${t.playersInView}`
  );
}

/**
 * Shows `line()` once a second: redrawn in place on a terminal, one line per second
 * otherwise (logs, CI).
 */
export function startLiveLine(
  line: () => string,
  stream: NodeJS.WriteStream = process.stdout,
): () => void {
  const draw = () => {
    if (stream.isTTY) {
      stream.write(`\r\x1b[2K${line().slice(0, stream.columns ?? 200)}`);
    } else {
      stream.write(`${line()}\n`);
    }
  };
  const timer = setInterval(draw, 1000);
  return () => {
    clearInterval(timer);
    draw();
    if (stream.isTTY) stream.write('\n');
  };
}
