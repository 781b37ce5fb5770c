import { afterEach, describe, expect, it } from 'vitest';
import { PACKET_OVERHEAD_BYTES, readKind, readTruncatedSequence } from '../packets/header.js';
import { PacketKind } from '../packets/packetKind.js';
import { securityModeByte } from '../security/securityMode.js';
import { clientConnection, serverConnection } from '../test-support/observableState.js';
import { forge, randomBytes } from '../test-support/packets.js';
import { testSecurityMode } from '../test-support/securityMode.js';
import { freshCredentials, type RecordedEvent } from '../test-support/session.js';
import {
  type Attacker,
  expectNoEffectOverUdp,
  type Sent,
  sleep,
  UdpSession,
} from '../test-support/udpSession.js';
import { SeededRandom } from '../testing/random.js';
import { UdpTransport } from '../transport/udpTransport.js';
import { Client } from './client.js';

/**
 * Attacks where the real socket stack matters, against a server and a client on UDP
 * sockets on 127.0.0.1, with raw node:dgram sockets as attackers and each endpoint's
 * own socket to send as it (spoofing the peer's address, as far as the victim can
 * tell). Each asserts the attack was dropped under the expected reasons and changed
 * nothing, emitted no event and earned no reply (`expectNoEffectOverUdp`).
 */

const sessions: { close(): void }[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.close();
});

async function connectedSession(
  options: Parameters<typeof UdpSession.open>[0] = {},
): Promise<{ session: UdpSession; handle: Awaited<ReturnType<UdpSession['connect']>> }> {
  const session = await UdpSession.open(options);
  sessions.push(session);
  const handle = await session.connect();
  for (let i = 0; i < 5; i++) {
    session.client.send(Uint8Array.of(i));
    session.server.send(handle, Uint8Array.of(i));
    await session.pump(10);
  }
  await session.pump(200);
  return { session, handle };
}

/** Sends `datagrams` in batches, waiting for each batch to land (the kernel's buffer is finite). */
async function sendAll(
  session: UdpSession,
  datagrams: { send: () => void | Promise<void>; toServer: boolean }[],
): Promise<{ toServer: number; toClient: number }> {
  const count = { toServer: 0, toClient: 0 };
  for (let i = 0; i < datagrams.length; i += 64) {
    const batch = datagrams.slice(i, i + 64);
    await Promise.all(batch.map((d) => d.send()));
    for (const d of batch) count[d.toServer ? 'toServer' : 'toClient']++;
    await session.arrived(count.toServer, count.toClient);
  }
  return count;
}

function total(drops: Record<string, number>): number {
  return Object.values(drops).reduce((sum, n) => sum + n, 0);
}

describe('attack over UDP: random bytes', () => {
  it('drops random datagrams of any length, from strangers and from the peers’ own addresses', async () => {
    const { session } = await connectedSession();
    const stranger = await session.attacker();
    const random = new SeededRandom(0xbad);
    const length = () => {
      const r = random.next();
      if (r < 0.2) return Math.floor(random.next() * PACKET_OVERHEAD_BYTES); // too short
      if (r < 0.3) return 1201 + Math.floor(random.next() * 300); // too long
      if (r < 0.4) return 58; // a request's size
      return PACKET_OVERHEAD_BYTES + Math.floor(random.next() * (1200 - PACKET_OVERHEAD_BYTES));
    };
    const server = session.serverAddress;
    const client = session.clientAddress;
    const datagrams: { send: () => void | Promise<void>; toServer: boolean }[] = [];
    for (let i = 0; i < 800; i++) {
      const bytes = randomBytes(length(), random);
      const which = i % 4;
      datagrams.push(
        which === 0
          ? { send: () => stranger.send(bytes, server), toServer: true }
          : which === 1
            ? {
                send: () => session.clientTransport.socket.send(bytes, bytes.length, server),
                toServer: true,
              }
            : which === 2
              ? { send: () => stranger.send(bytes, client), toServer: false }
              : {
                  send: () => session.serverTransport.socket.send(bytes, bytes.length, client),
                  toServer: false,
                },
      );
    }
    const outcome = await expectNoEffectOverUdp(session, () => sendAll(session, datagrams));
    expect(total(outcome.server)).toBe(400);
    expect(total(outcome.clients[0]!)).toBe(400);
    // Nothing random passes as a packet: each is malformed, of no kind from that side,
    // from nowhere, or fails the replay check or the tag.
    const reasons = new Set([...Object.keys(outcome.server), ...Object.keys(outcome.clients[0]!)]);
    for (const reason of reasons) {
      expect([
        'malformed',
        'unexpected-kind',
        'unknown-address',
        'rate-limited',
        'unknown-token',
        'replay',
        'bad-tag',
      ]).toContain(reason);
    }
    expect(outcome.server.malformed).toBeGreaterThan(0);
    expect(outcome.server['bad-tag']).toBeGreaterThan(0);
  });
});

/** Genuine datagrams the endpoint sent while its transport swallowed them (so never delivered). */
async function undelivered(
  session: UdpSession,
  side: 'server' | 'client',
  send: () => void,
): Promise<Sent[]> {
  const transport = side === 'server' ? session.serverTransport : session.clientTransport;
  const from = transport.sent.length;
  transport.swallow = true;
  send();
  await session.pump(110); // long enough for a heartbeat
  transport.swallow = false;
  return transport.sent.slice(from);
}

function withLength(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  out.set(bytes.subarray(0, Math.min(length, bytes.length)));
  return out;
}

describe('attack over UDP: truncated and oversized datagrams', () => {
  it('drops every truncation and extension of genuine packets, at both ends', async () => {
    const { session, handle } = await connectedSession();
    const request = session.clientTransport.sent.find((d) => readKind(d.bytes) === 0)!.bytes;
    const fromClient = await undelivered(session, 'client', () => {
      session.client.send(new Uint8Array(100).fill(7));
    });
    const fromServer = await undelivered(session, 'server', () => {
      session.server.send(handle, new Uint8Array(100).fill(8));
    });
    const pick = (sent: Sent[], kind: number) =>
      sent.find((d) => readKind(d.bytes) === kind)!.bytes;
    const payload = pick(fromClient, PacketKind.Payload);
    const heartbeat = pick(fromClient, PacketKind.Heartbeat);
    const serverPayload = pick(fromServer, PacketKind.Payload);
    const serverHeartbeat = pick(fromServer, PacketKind.Heartbeat);
    expect([payload.length, heartbeat.length, request.length]).toEqual([124, 24, 58]);

    // Each genuine packet cut to every shorter length, and grown past its own.
    const variants = (bytes: Uint8Array, longer: number[]) => [
      ...Array.from({ length: bytes.length }, (_, n) => withLength(bytes, n)),
      ...longer.map((n) => withLength(bytes, n)),
    ];
    const tooLong = [1201, 1500, 9000, 65_507];
    const toServer = [
      ...variants(payload, [125, 140, 1200, ...tooLong]),
      ...variants(heartbeat, [25, 32]),
      ...variants(request, [59, 100]),
    ];
    const toClient = [
      ...variants(serverPayload, [125, 1200, ...tooLong]),
      ...variants(serverHeartbeat, [25]),
    ];
    const stranger = await session.attacker();
    const server = session.serverAddress;
    const client = session.clientAddress;
    const outcome = await expectNoEffectOverUdp(session, () =>
      sendAll(session, [
        ...toServer.map((bytes) => ({
          send: () => session.clientTransport.socket.send(bytes, bytes.length, server),
          toServer: true,
        })),
        ...toServer.map((bytes) => ({ send: () => stranger.send(bytes, server), toServer: true })),
        ...toClient.map((bytes) => ({
          send: () => session.serverTransport.socket.send(bytes, bytes.length, client),
          toServer: false,
        })),
      ]),
    );
    // From the client's address: a payload cut to 24..123 bytes, or grown up to the
    // 1,200-byte limit, keeps its header and reaches the tag check, which fails; every
    // other variant has the wrong size (for any packet, or for its kind).
    const payloadTagChecked = 124 - 24 + 3;
    const clientVariants = toServer.length;
    expect(outcome.server).toEqual({
      'bad-tag': payloadTagChecked,
      // The same variants from a stranger: sizes are checked before the address, so
      // only the well-sized payloads are dropped as unknown-address.
      malformed: 2 * (clientVariants - payloadTagChecked),
      'unknown-address': payloadTagChecked,
    });
    expect(outcome.clients).toEqual([
      { 'bad-tag': 124 - 24 + 2, malformed: toClient.length - (124 - 24 + 2) },
    ]);

    // The genuine packets still verify: no variant moved a replay window.
    for (const bytes of [payload, heartbeat]) {
      session.clientTransport.socket.send(bytes, bytes.length, server);
    }
    session.serverTransport.socket.send(serverPayload, serverPayload.length, client);
    await session.arrived(2, 1);
    session.updateAll();
    const lastMessage = (events: RecordedEvent[]) => {
      const last = events.filter((e) => e.type === 'message').at(-1);
      return last?.type === 'message' ? [...last.payload] : [];
    };
    expect(lastMessage(session.serverEvents)).toEqual(new Array(100).fill(7));
    expect(lastMessage(session.clientEvents)).toEqual(new Array(100).fill(8));
  });
});

/**
 * What reflecting `sent` back at the endpoint that sent it should cost it: kinds it
 * never receives are unexpected-kind; from a stranger, the rest are unknown-address;
 * from its peer's address, those numbered at or below the newest it received are
 * replays (every packet of the peer arrived), and the rest reach the tag check, where
 * the other direction's key fails them.
 */
function reflectionDrops(
  sent: Sent[],
  latestReceived: number,
  foreignKinds: number[],
  fromStranger: boolean,
): Record<string, number> {
  const drops: Record<string, number> = {};
  for (const { bytes } of sent) {
    const reason = foreignKinds.includes(readKind(bytes))
      ? 'unexpected-kind'
      : fromStranger
        ? 'unknown-address'
        : readTruncatedSequence(bytes) <= latestReceived // sessions here stay below 8,192
          ? 'replay'
          : 'bad-tag';
    drops[reason] = (drops[reason] ?? 0) + 1;
  }
  return drops;
}

function sumDrops(...all: Record<string, number>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const drops of all) {
    for (const [reason, n] of Object.entries(drops)) sum[reason] = (sum[reason] ?? 0) + n;
  }
  return sum;
}

describe('attack over UDP: a packet reflected back at its sender', () => {
  it('never verifies: every packet a server sent, bounced back to it', async () => {
    const { session, handle } = await connectedSession();
    for (let i = 0; i < 30; i++) session.server.send(handle, Uint8Array.of(i)); // run ahead
    await session.pump(20);
    const stranger = await session.attacker();
    const sent = session.serverTransport.sent.slice();
    const server = session.serverAddress;
    await session.settle();
    const latest = serverConnection(session.server, handle).received.latest;
    const outcome = await expectNoEffectOverUdp(session, () =>
      sendAll(session, [
        ...sent.map(({ bytes }) => ({
          send: () => session.clientTransport.socket.send(bytes, bytes.length, server),
          toServer: true,
        })),
        ...sent.map(({ bytes }) => ({ send: () => stranger.send(bytes, server), toServer: true })),
      ]),
    );
    const foreign = [PacketKind.ConnectionAccepted, PacketKind.ConnectionDenied];
    expect(outcome.server).toEqual(
      sumDrops(
        reflectionDrops(sent, latest, foreign, false),
        reflectionDrops(sent, latest, foreign, true),
      ),
    );
    expect(outcome.server['bad-tag']).toBeGreaterThanOrEqual(30);
  });

  it('never verifies: every packet a client sent, bounced back to it', async () => {
    const { session } = await connectedSession();
    for (let i = 0; i < 30; i++) session.client.send(Uint8Array.of(i)); // run ahead
    await session.pump(20);
    const stranger = await session.attacker();
    const sent = session.clientTransport.sent.slice();
    const client = session.clientAddress;
    await session.settle();
    const latest = clientConnection(session.client).received.latest;
    const outcome = await expectNoEffectOverUdp(session, () =>
      sendAll(session, [
        ...sent.map(({ bytes }) => ({
          send: () => session.serverTransport.socket.send(bytes, bytes.length, client),
          toServer: false,
        })),
        ...sent.map(({ bytes }) => ({ send: () => stranger.send(bytes, client), toServer: false })),
      ]),
    );
    const foreign = [PacketKind.ConnectionRequest];
    expect(outcome.clients[0]).toEqual(
      sumDrops(
        reflectionDrops(sent, latest, foreign, false),
        reflectionDrops(sent, latest, foreign, true),
      ),
    );
    expect(outcome.clients[0]!['bad-tag']).toBeGreaterThanOrEqual(30);
  });
});

describe('attack over UDP: a flood of connection requests', () => {
  it('from 64 sockets on 33 addresses consumes no slot and earns no reply at all', async () => {
    const { session } = await connectedSession({ server: { maxConnections: 8 } });
    const waiting = freshCredentials(); // a slot reserved for a client that has not come yet
    session.server.reserve(waiting.secret, waiting.token);
    const connectedRequest = session.clientTransport.sent.find((d) => readKind(d.bytes) === 0)!;
    const connectedToken = connectedRequest.bytes.subarray(10, 42);
    const modeByte = securityModeByte(testSecurityMode);
    const request = (token: Uint8Array) =>
      forge({
        kind: PacketKind.ConnectionRequest,
        sequence: 1,
        body: Uint8Array.of(1, modeByte, ...token),
      });

    const attackers: Attacker[] = [];
    for (let i = 0; i < 32; i++) attackers.push(await session.attacker('127.0.0.1'));
    for (let i = 0; i < 32; i++) attackers.push(await session.attacker(`127.0.0.${2 + i}`));
    const server = session.serverAddress;
    const datagrams = attackers.flatMap((attacker) =>
      Array.from({ length: 20 }, (_, n) => {
        const bytes = [
          () => request(randomBytes(32)), // no such token
          () => request(waiting.token), // the waiting slot's token, without its secret
          () => request(connectedToken), // a token already bound
          () => connectedRequest.bytes, // the genuine request, replayed
        ][n % 4]!();
        return { send: () => attacker.send(bytes, server), toServer: true };
      }),
    );
    expect(new Set(attackers.map((a) => `${a.address.address}:${a.address.port}`)).size).toBe(64);

    const outcome = await expectNoEffectOverUdp(session, () => sendAll(session, datagrams));
    // Each source address gets its bucket's 10 requests looked at, however many ports it
    // sends from; the other 950 are dropped unread.
    expect(outcome.server['rate-limited']).toBe(1280 - 33 * 10);
    const { 'rate-limited': _, ...lookedAt } = outcome.server;
    expect(Object.keys(lookedAt).sort()).toEqual(['bad-tag', 'token-in-use', 'unknown-token']);
    expect(total(lookedAt)).toBe(33 * 10);
    expect(session.server.reservedCount).toBe(1);
    expect(session.server.connectedCount).toBe(1);
    expect(
      session.serverTransport.sent.filter((d) => d.to.port !== session.clientAddress.port),
    ).toEqual([]);

    // The slot still waits for its client, which connects from its own address.
    const late = new Client({
      securityMode: testSecurityMode,
      transport: await UdpTransport.bind({ address: '127.0.0.200' }),
    });
    sessions.push(late);
    late.connect(server, waiting.secret, waiting.token);
    for (let i = 0; i < 100 && late.state !== 'connected'; i++) {
      await sleep(2);
      session.now += 10;
      session.updateAll();
      late.update(session.now);
    }
    expect(late.state).toBe('connected');
    expect(session.server.connectedCount).toBe(2);
  });
});
