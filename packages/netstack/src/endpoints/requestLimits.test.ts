import { afterEach, describe, expect, it } from 'vitest';
import { PacketKind } from '../packets/packetKind.js';
import { securityModeByte } from '../security/securityMode.js';
import { clientAddress } from '../test-support/noEffect.js';
import { serverConnection } from '../test-support/observableState.js';
import { forge, randomBytes } from '../test-support/packets.js';
import { testSecurityMode } from '../test-support/securityMode.js';
import { freshCredentials, SERVER_ADDRESS, Session } from '../test-support/session.js';
import { sleep, UdpSession } from '../test-support/udpSession.js';

/**
 * The two bounds on a server's work: a token bucket per source address for connection
 * requests (`requestsPerSecondPerAddress`, `requestBurstPerAddress`), and at most
 * `maxPacketsPerUpdate` datagrams processed per `update`.
 */

const modeByte = securityModeByte(testSecurityMode);

/** A request for `token` with a made-up tag (the attacker has no secret). */
function forgedRequest(token: Uint8Array = randomBytes(32)): Uint8Array {
  return forge({
    kind: PacketKind.ConnectionRequest,
    sequence: 1,
    body: Uint8Array.of(1, modeByte, ...token),
  });
}

/** Requests the server looked at (past the bucket) and dropped for their token or tag. */
function lookedAt(drops: Record<string, number>): number {
  return drops['unknown-token']! + drops['bad-tag']! + drops['token-in-use']!;
}

describe('the per-address request limit', () => {
  it('lets one address, on any number of ports, through at most burst + rate × time', () => {
    const session = new Session({
      server: { requestsPerSecondPerAddress: 20, requestBurstPerAddress: 10 },
    });
    const seconds = 5;
    // 1,000 requests a second from one address, spread over 50 source ports.
    for (let tick = 0; tick < seconds * 100; tick++) {
      for (let i = 0; i < 10; i++) {
        const port = 1000 + ((tick * 10 + i) % 50);
        session.network.inject(forgedRequest(), { address: '203.0.113.9', port }, SERVER_ADDRESS);
      }
      session.step(10);
    }
    const drops = session.server.metrics.drops;
    expect(drops['rate-limited'] + lookedAt(drops)).toBe(seconds * 1000);
    expect(lookedAt(drops)).toBeGreaterThanOrEqual(20 * seconds);
    expect(lookedAt(drops)).toBeLessThanOrEqual(10 + 20 * seconds);
  });

  it("leaves other addresses' requests served while 50 addresses flood the server", () => {
    const session = new Session({ server: { maxConnections: 4 } });
    const credentials = freshCredentials();
    const handle = session.server.reserve(credentials.secret, credentials.token);
    if (!handle.ok) throw handle.error;
    const client = session.addClient();
    let flooded = 0;
    const flood = () => {
      // 50 addresses, each at 500 requests a second: 25,000 a second in all, with the
      // victim slot's token (forged tags) and random ones.
      for (let a = 0; a < 50; a++) {
        for (let i = 0; i < 5; i++) {
          const token = i % 2 === 0 ? credentials.token : randomBytes(32);
          session.network.inject(
            forgedRequest(token),
            { address: `flood-${a}`, port: i },
            SERVER_ADDRESS,
          );
          flooded++;
        }
      }
    };
    for (let t = 0; t < 500; t += 10) {
      flood();
      session.step(10);
    }
    client.connect(SERVER_ADDRESS, credentials.secret, credentials.token);
    let connectedAfter = 0;
    while (client.state !== 'connected' && connectedAfter < 1000) {
      flood();
      session.step(10);
      connectedAfter += 10;
    }
    expect(client.state).toBe('connected');
    expect(connectedAfter).toBeLessThanOrEqual(20); // its first request got through
    expect(session.server.isConnected(handle.handle)).toBe(true);
    expect(session.serverEvents).toEqual([
      expect.objectContaining({ type: 'connected', connection: handle.handle }),
    ]);
    const drops = session.server.metrics.drops;
    expect(drops['rate-limited'] + lookedAt(drops)).toBe(flooded);
    expect(drops['rate-limited']).toBeGreaterThan(0.9 * flooded);
  });
});

describe('the bound on datagrams processed per update', () => {
  const MAX = 500;

  it('processes a flood of N datagrams over ceil(N / max) updates, max at a time', () => {
    const session = new Session({ server: { maxPacketsPerUpdate: MAX } });
    const { client, handle } = session.connected();
    const next = serverConnection(session.server, handle).received.latest + 1;
    // Forged payloads from the client's own address: each costs a tag check.
    const N = 5 * MAX + 123;
    for (let i = 0; i < N; i++) {
      const packet = forge({
        kind: PacketKind.Payload,
        sequence: next + (i % 200),
        body: randomBytes(64),
      });
      session.network.inject(packet, clientAddress(0), SERVER_ADDRESS);
    }
    const processed: number[] = [];
    const milliseconds: number[] = [];
    for (let update = 0; update < Math.ceil(N / MAX) + 1; update++) {
      const before = session.server.metrics.packetsReceived;
      const started = performance.now();
      session.server.update(session.now);
      milliseconds.push(performance.now() - started);
      processed.push(session.server.metrics.packetsReceived - before);
    }
    expect(processed).toEqual([MAX, MAX, MAX, MAX, MAX, 123, 0]);
    expect(session.server.metrics.drops['bad-tag']).toBe(N);
    // Each update did a bounded amount of work (generous, for slow CI machines).
    expect(Math.max(...milliseconds)).toBeLessThan(500);

    // The game goes on: the client's messages arrive as before.
    client.send(Uint8Array.of(42));
    session.step(20);
    expect(session.serverEvents.filter((e) => e.type === 'message')).toHaveLength(1);
  });
});

describe('the bounds over real UDP', () => {
  const sessions: UdpSession[] = [];
  afterEach(() => {
    for (const session of sessions.splice(0)) session.close();
  });

  it('reads a queued flood max datagrams per update, the game loop going on', async () => {
    const session = await UdpSession.open({ server: { maxPacketsPerUpdate: 256 } });
    sessions.push(session);
    const handle = await session.connect();
    const attacker = await session.attacker();
    await session.settle();
    const N = 2000;
    for (let i = 0; i < N; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, () => attacker.send(randomBytes(40), session.serverAddress)),
      );
      await session.arrived(i + 100);
    }
    const processed: number[] = [];
    for (let update = 0; update < Math.ceil(N / 256) + 1; update++) {
      const before = session.server.metrics.packetsReceived;
      session.updateAll();
      processed.push(session.server.metrics.packetsReceived - before);
    }
    expect(processed).toEqual([256, 256, 256, 256, 256, 256, 256, N - 7 * 256, 0]);
    expect(session.server.isConnected(handle)).toBe(true);
    expect(attacker.received).toEqual([]);
  });

  it('drops, and counts as queue-full, what arrives past the transport queue', async () => {
    const session = await UdpSession.open({ serverQueue: 1000 });
    sessions.push(session);
    await session.connect();
    const attacker = await session.attacker();
    await session.settle();
    const socket = session.serverTransport.socket;
    for (let i = 0; i < 1500; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, () => attacker.send(randomBytes(40), session.serverAddress)),
      );
      for (let waited = 0; socket.queued + socket.droppedDatagrams < i + 100; waited++) {
        if (waited > 2000) throw new Error('flood did not arrive');
        await sleep(2);
      }
    }
    const before = session.server.metrics.packetsReceived;
    session.updateAll();
    expect(session.server.metrics.packetsReceived - before).toBe(1000);
    expect(session.server.metrics.drops['queue-full']).toBe(500);
  });
});
