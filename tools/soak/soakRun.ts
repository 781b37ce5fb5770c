import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Client, type ConnectionHandle, type NetstackEvent, Server } from '@netstack/core';
import { MemoryNetwork } from '@netstack/core/testing';
import { PROFILES, type ProfileName } from './profiles.js';
import { AckLedger, SequenceLedger } from './sequenceLedger.js';

export interface SoakOptions {
  profile: ProfileName;
  clients: number;
  /** Packets per second each way per client. */
  rate: number;
  durationMs: number;
  seed: number;
  /** `real`: paced by the wall clock (measures event-loop delay); `simulated`: as fast as it goes. */
  clock: 'real' | 'simulated';
  payloadBytes: number;
  onProgress?: (progress: SoakProgress) => void;
}

export interface SoakProgress {
  fraction: number;
  elapsedMs: number;
  up: DirectionReport;
  down: DirectionReport;
}

/** One direction's figures: client → server ("up") or server → client ("down"). */
export interface DirectionReport {
  sent: number;
  delivered: number;
  acknowledged: number;
  duplicatesDelivered: number;
  staleDeliveries: number;
  falseAcks: number;
  doubleAcks: number;
  unverifiableAcks: number;
}

export interface SoakReport {
  options: Omit<SoakOptions, 'onProgress'>;
  up: DirectionReport;
  down: DirectionReport;
  connected: number;
  disconnects: number;
  wallMs: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  /** Real clock only. */
  eventLoopDelayP99Ms: number | undefined;
}

interface Peer {
  client: Client;
  handle: ConnectionHandle;
  /** What the server delivered from this client, and the client's acks of it. */
  up: SequenceLedger;
  upAcks: AckLedger;
  down: SequenceLedger;
  downAcks: AckLedger;
  sentUp: number;
  sentDown: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function heapMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
}

/**
 * Many clients and one server on a simulated network with a bad link, exchanging
 * payloads both ways at `rate`, every delivery and acknowledgement checked against
 * ledgers of what really arrived.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const network = new MemoryNetwork({ seed: options.seed, conditions: PROFILES[options.profile] });
  const server = new Server({
    transport: network.bind({ address: 'server', port: 1 }),
    maxConnections: options.clients,
    requestsPerSecondPerAddress: 1000,
    requestBurstPerAddress: 1000,
  });
  const peers: Peer[] = [];
  const byHandle = new Map<ConnectionHandle, Peer>();
  for (let i = 0; i < options.clients; i++) {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const token = crypto.getRandomValues(new Uint8Array(32));
    const reserved = server.reserve(secret, token);
    if (!reserved.ok) throw reserved.error;
    const client = new Client({ transport: network.bind({ address: `client-${i}`, port: 2 }) });
    client.connect({ address: 'server', port: 1 }, secret, token);
    const peer: Peer = {
      client,
      handle: reserved.handle,
      up: new SequenceLedger(),
      upAcks: new AckLedger(),
      down: new SequenceLedger(),
      downAcks: new AckLedger(),
      sentUp: 0,
      sentDown: 0,
    };
    peers.push(peer);
    byHandle.set(reserved.handle, peer);
  }

  const payload = new Uint8Array(options.payloadBytes).fill(7);
  const tick = 1000 / options.rate;
  let disconnects = 0;
  let now = 0;
  const serverEvents = (events: readonly NetstackEvent[]) => {
    for (const event of events) {
      const peer = byHandle.get(event.connection);
      if (peer === undefined) continue;
      if (event.type === 'message') peer.up.deliver(event.sequence);
      else if (event.type === 'messageAcknowledged')
        peer.downAcks.acknowledge(event.sequence, peer.down);
      else if (event.type === 'disconnected') disconnects++;
    }
  };
  const step = (sending: boolean) => {
    serverEvents(server.update(now));
    for (const peer of peers) {
      for (const event of peer.client.update(now)) {
        if (event.type === 'message') peer.down.deliver(event.sequence);
        else if (event.type === 'messageAcknowledged')
          peer.upAcks.acknowledge(event.sequence, peer.up);
        else if (event.type === 'disconnected') disconnects++;
      }
      if (!sending || peer.client.state !== 'connected' || !server.isConnected(peer.handle))
        continue;
      peer.client.send(payload);
      peer.sentUp++;
      server.send(peer.handle, payload);
      peer.sentDown++;
    }
  };

  // Connect everyone first, on the simulated clock.
  for (let waited = 0; waited < 10_000 && server.connectedCount < options.clients; waited += tick) {
    now += tick;
    step(false);
  }
  const connected = server.connectedCount;
  const heapBeforeMb = heapMb();
  const delay = options.clock === 'real' ? monitorEventLoopDelay({ resolution: 5 }) : undefined;
  delay?.enable();
  const started = performance.now();
  const startNow = now;
  const totals = () => ({ up: direction(peers, 'up'), down: direction(peers, 'down') });
  let lastProgress = 0;
  const steps = Math.round(options.durationMs / tick);
  for (let k = 1; k <= steps; k++) {
    if (options.clock === 'real') {
      // Paced by the wall clock: a tick every 1000 / rate ms, back to back when behind.
      const wait = started + k * tick - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    } else if (k % options.rate === 0) {
      await new Promise((resolve) => setImmediate(resolve)); // let I/O and timers breathe
    }
    now = startNow + k * tick;
    step(true);
    if (options.onProgress && performance.now() - lastProgress > 250) {
      lastProgress = performance.now();
      options.onProgress({ fraction: k / steps, elapsedMs: now - startNow, ...totals() });
    }
  }
  // Drain: stop sending, let the last packets and acks land.
  for (let drained = 0; drained < 2000; drained += tick) {
    now += tick;
    step(false);
  }
  delay?.disable();
  const wallMs = performance.now() - started;
  for (const peer of peers) peer.client.close();
  server.close();
  const report: SoakReport = {
    options: { ...options },
    ...totals(),
    connected,
    disconnects,
    wallMs,
    heapBeforeMb,
    heapAfterMb: heapMb(),
    eventLoopDelayP99Ms: delay === undefined ? undefined : delay.percentile(99) / 1e6,
  };
  delete (report.options as Partial<SoakOptions>).onProgress;
  return report;
}

function direction(peers: readonly Peer[], which: 'up' | 'down'): DirectionReport {
  const report: DirectionReport = {
    sent: 0,
    delivered: 0,
    acknowledged: 0,
    duplicatesDelivered: 0,
    staleDeliveries: 0,
    falseAcks: 0,
    doubleAcks: 0,
    unverifiableAcks: 0,
  };
  for (const peer of peers) {
    const ledger = which === 'up' ? peer.up : peer.down;
    const acks = which === 'up' ? peer.upAcks : peer.downAcks;
    report.sent += which === 'up' ? peer.sentUp : peer.sentDown;
    report.delivered += ledger.delivered;
    report.duplicatesDelivered += ledger.duplicates;
    report.staleDeliveries += ledger.staleDeliveries;
    report.acknowledged += acks.acknowledged;
    report.falseAcks += acks.falseAcks;
    report.doubleAcks += acks.doubleAcks;
    report.unverifiableAcks += acks.unverifiable;
  }
  return report;
}
