import { PerformanceObserver } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { PairTransport } from '../test-support/pairTransport.js';
import { testSecurityMode } from '../test-support/securityMode.js';
import { freshCredentials } from '../test-support/session.js';
import { Client } from './client.js';
import type { NetstackEvent } from './events.js';
import { Server } from './server.js';

const SERVER = { address: 'server', port: 1 };
const CLIENT = { address: 'client', port: 2 };

/** A client and a server echoing 100-byte payloads, every packet acknowledged. */
function echoSession() {
  const [serverSide, clientSide] = PairTransport.pair(SERVER, CLIENT);
  const server = new Server({ transport: serverSide, securityMode: testSecurityMode });
  const client = new Client({ transport: clientSide, securityMode: testSecurityMode });
  const { secret, token } = freshCredentials();
  server.reserve(secret, token);
  client.connect(SERVER, secret, token);
  const payload = new Uint8Array(100);
  const echo = new Uint8Array(100);
  let now = 0;
  let acknowledged = 0;
  const handle = (events: readonly NetstackEvent[], isServer: boolean) => {
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      if (event.type === 'message' && isServer) {
        for (let b = 0; b < event.length; b++) echo[b] = event.data[event.offset + b]!;
        server.send(event.connection, echo, event.length);
      } else if (event.type === 'messageAcknowledged') {
        acknowledged++;
      }
    }
  };
  const round = () => {
    now += 1;
    if (client.state === 'connected') client.send(payload);
    handle(server.update(now), true);
    handle(client.update(now), false);
  };
  return { round, acknowledged: () => acknowledged, client };
}

describe('the per-packet path', () => {
  it('allocates nothing in steady state: send, receive, verify, ack, events', async () => {
    const session = echoSession();
    for (let i = 0; i < 50_000; i++) session.round(); // warm up: pools fill, code optimises
    expect(session.client.state).toBe('connected');

    // A collection during the loop would mean garbage, and would also hide it from
    // heapUsed. On a busy machine a background compilation or collection begun earlier
    // can land inside the loop, so up to five attempts; garbage made per packet would
    // show in every one of them.
    const attempts: { collections: number; bytesPerPacket: number; acknowledged: number }[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const measured = await measureRounds(session, 20_000);
      attempts.push(measured);
      if (measured.collections === 0 && measured.bytesPerPacket < 1) break;
    }
    const last = attempts.at(-1)!;
    // 20,000 rounds move 40,000 signed packets and acknowledge 40,000.
    expect(last.acknowledged).toBeGreaterThanOrEqual(40_000 - 4);
    expect(last.collections, JSON.stringify(attempts)).toBe(0);
    expect(last.bytesPerPacket, JSON.stringify(attempts)).toBeLessThan(1);
  }, 60_000);
});

async function measureRounds(session: ReturnType<typeof echoSession>, rounds: number) {
  const collectionTimes: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) collectionTimes.push(entry.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });
  const ackedBefore = session.acknowledged();
  const start = performance.now();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < rounds; i++) session.round();
  const after = process.memoryUsage().heapUsed;
  const end = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return {
    collections: collectionTimes.filter((t) => t >= start && t <= end).length,
    bytesPerPacket: (after - before) / (2 * rounds),
    acknowledged: session.acknowledged() - ackedBefore,
  };
}
