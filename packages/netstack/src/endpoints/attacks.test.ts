import { describe, expect, it } from 'vitest';
import { PacketKind } from '../packets/packetKind.js';
import { securityModeByte } from '../security/securityMode.js';
import { clientAddress, expectNoEffect } from '../test-support/noEffect.js';
import { clientConnection, serverConnection } from '../test-support/observableState.js';
import { capture, forge, randomBytes, withBadTag } from '../test-support/packets.js';
import { testSecurityMode } from '../test-support/securityMode.js';
import { jumpSequences, skipSending } from '../test-support/sequenceJump.js';
import { freshCredentials, SERVER_ADDRESS, Session } from '../test-support/session.js';
import { Client } from './client.js';
import type { ServerOptions } from './options.js';

/**
 * One test per attack on the protocol, on a simulated network with a stopped clock:
 * each asserts the attack was dropped under the right reason AND changed nothing
 * observable AND emitted no event AND earned no reply (`expectNoEffect`). Attacks
 * where the real socket stack matters are in udpAttacks.test.ts; the clock's in
 * timeAttacks.test.ts.
 */

const CLIENT = clientAddress(0);

/** One client connected, with traffic both ways behind it, everything captured. */
function liveSession(server: Partial<ServerOptions> = {}) {
  const session = new Session({ server });
  const captured = capture(session.network);
  const { client, handle } = session.connected();
  for (let i = 0; i < 5; i++) {
    client.send(Uint8Array.of(i));
    session.server.send(handle, Uint8Array.of(i));
    session.step(10);
  }
  session.step(300);
  return { session, client, handle, captured };
}

function requestBody(token: Uint8Array): Uint8Array {
  return Uint8Array.of(1, securityModeByte(testSecurityMode), ...token);
}

function bodyOf(kind: number, token: Uint8Array): Uint8Array {
  switch (kind) {
    case PacketKind.ConnectionRequest:
      return requestBody(token);
    case PacketKind.ConnectionDenied:
      return Uint8Array.of(2);
    case PacketKind.Payload:
      return Uint8Array.of(1, 2, 3);
    default:
      return new Uint8Array(0);
  }
}

function messageCount(events: { type: string }[]): number {
  return events.filter((e) => e.type === 'message').length;
}

describe('attack: every packet kind with a bad tag', () => {
  it('is dropped as bad-tag at both ends of a connection, each kind a fresh sequence', () => {
    const { session, client, handle } = liveSession();
    const token = freshCredentials().token;
    const nextAtServer = serverConnection(session.server, handle).received.latest + 1;
    const nextAtClient = clientConnection(client).received.latest + 1;
    const toServer = [
      PacketKind.ConnectionRequest,
      PacketKind.Payload,
      PacketKind.Heartbeat,
      PacketKind.Disconnect,
    ];
    const toClient = [
      PacketKind.ConnectionAccepted,
      PacketKind.ConnectionDenied,
      PacketKind.Payload,
      PacketKind.Heartbeat,
      PacketKind.Disconnect,
    ];
    const outcome = expectNoEffect(session, () => {
      for (const kind of toServer) {
        const packet = forge({ kind, sequence: nextAtServer, body: bodyOf(kind, token) });
        session.network.inject(packet, CLIENT, SERVER_ADDRESS);
      }
      for (const kind of toClient) {
        const packet = forge({ kind, sequence: nextAtClient, body: bodyOf(kind, token) });
        session.network.inject(packet, SERVER_ADDRESS, CLIENT);
      }
    });
    expect(outcome.server).toEqual({ 'bad-tag': toServer.length });
    expect(outcome.clients).toEqual([{ 'bad-tag': toClient.length }]);
  });

  it('is dropped as bad-tag when a genuine, undelivered packet has one tag bit flipped', () => {
    const { session, client, handle, captured } = liveSession();
    const from = captured.length;
    session.network.setConditions({ loss: 1 }, CLIENT, SERVER_ADDRESS);
    session.network.setConditions({ loss: 1 }, SERVER_ADDRESS, CLIENT);
    client.send(Uint8Array.of(9));
    session.server.send(handle, Uint8Array.of(9));
    session.step(100); // heartbeats both ways, lost too
    session.network.setConditions({});
    session.network.setConditions({}, CLIENT, SERVER_ADDRESS);
    session.network.setConditions({}, SERVER_ADDRESS, CLIENT);
    const genuine = captured.slice(from);
    expect(new Set(genuine.map((d) => d.kind))).toEqual(
      new Set([PacketKind.Payload, PacketKind.Heartbeat]),
    );

    const outcome = expectNoEffect(session, () => {
      for (const d of genuine) session.network.inject(withBadTag(d.bytes), d.from, d.to);
    });
    const toServer = genuine.filter((d) => d.to.address === SERVER_ADDRESS.address).length;
    expect(outcome.server).toEqual({ 'bad-tag': toServer });
    expect(outcome.clients).toEqual([{ 'bad-tag': genuine.length - toServer }]);

    // The genuine packets still verify: the forgeries moved no replay window.
    for (const d of genuine) session.network.inject(d.bytes, d.from, d.to);
    session.updateAll();
    expect(messageCount(session.serverEvents)).toBe(6);
    expect(messageCount(session.clientEvents[0]!)).toBe(6);
  });

  it('does not connect, deny or end a connecting client', () => {
    const session = new Session();
    const client = session.addClient();
    session.network.setConditions({ loss: 1 }, CLIENT, SERVER_ADDRESS);
    session.connect(client);
    session.step(50);
    expect(client.state).toBe('connecting');
    const kinds = [
      PacketKind.ConnectionAccepted,
      PacketKind.ConnectionDenied,
      PacketKind.Payload,
      PacketKind.Heartbeat,
      PacketKind.Disconnect,
    ];
    const outcome = expectNoEffect(session, () => {
      for (const kind of kinds) {
        const packet = forge({ kind, sequence: 1, ack: 1, body: bodyOf(kind, new Uint8Array(32)) });
        session.network.inject(packet, SERVER_ADDRESS, CLIENT);
      }
    });
    expect(outcome.clients).toEqual([{ 'bad-tag': kinds.length }]);
    expect(client.state).toBe('connecting');
  });

  it('does not bind a reserved slot to a request with the right token and a bad tag', () => {
    const session = new Session();
    const credentials = freshCredentials();
    const client = session.addClient();
    const captured = capture(session.network);
    session.network.setConditions({ loss: 1 }, CLIENT, SERVER_ADDRESS);
    session.connect(client, credentials);
    session.step(10);
    const request = captured.find((d) => d.kind === PacketKind.ConnectionRequest)!.bytes;
    const attacker = { address: 'attacker', port: 666 };

    const outcome = expectNoEffect(session, () => {
      session.network.inject(withBadTag(request), attacker, SERVER_ADDRESS);
      session.network.inject(withBadTag(request), CLIENT, SERVER_ADDRESS);
      const forged = forge({ kind: 0, sequence: 1, body: requestBody(credentials.token) });
      session.network.inject(forged, attacker, SERVER_ADDRESS);
    });
    expect(outcome.server).toEqual({ 'bad-tag': 3 });
    expect(session.server.reservedCount).toBe(1);

    session.network.setConditions({}, CLIENT, SERVER_ADDRESS);
    session.step(200);
    expect(client.state).toBe('connected');
  });
});

describe('attack: replayed packets', () => {
  it('drops every packet of a session replayed to its receiver, payloads and all', () => {
    const { session, captured } = liveSession();
    const outcome = expectNoEffect(session, () => {
      for (const d of captured) session.network.inject(d.bytes, d.from, d.to);
    });
    const toServer = captured.filter((d) => d.to.address === SERVER_ADDRESS.address);
    const kinds = new Set(captured.map((d) => d.kind));
    expect(kinds).toEqual(
      new Set([
        PacketKind.ConnectionRequest,
        PacketKind.ConnectionAccepted,
        PacketKind.Payload,
        PacketKind.Heartbeat,
      ]),
    );
    expect(outcome.server).toEqual({ replay: toServer.length });
    expect(outcome.clients).toEqual([{ replay: captured.length - toServer.length }]);
  });

  it('drops a connection request replayed after connect, from any address, unanswered', () => {
    const { session, captured } = liveSession();
    const request = captured.find((d) => d.kind === PacketKind.ConnectionRequest)!;
    const outcome = expectNoEffect(session, () => {
      session.network.inject(request.bytes, CLIENT, SERVER_ADDRESS);
      for (let i = 0; i < 3; i++) {
        session.network.inject(
          request.bytes,
          { address: `replayer-${i}`, port: 1 },
          SERVER_ADDRESS,
        );
      }
    });
    // From the bound address it is an old sequence; from elsewhere its token is taken.
    expect(outcome.server).toEqual({ replay: 1, 'token-in-use': 3 });
  });
});

describe('attack: a reused token', () => {
  it('is refused while its connection lives and after it ended, secret or not', () => {
    const session = new Session();
    const credentials = freshCredentials();
    const first = session.addClient();
    session.connect(first, credentials);
    session.step(100);
    expect(first.state).toBe('connected');

    const thieves = [credentials.secret, freshCredentials().secret].map((secret, i) => {
      const thief = new Client({
        securityMode: testSecurityMode,
        transport: session.network.bind({ address: `thief-${i}`, port: 7 }),
      });
      thief.connect(SERVER_ADDRESS, secret, credentials.token);
      return thief;
    });
    const whileConnected = expectNoEffect(session, () => {
      for (const thief of thieves) thief.update(session.now); // sends its request
    });
    expect(whileConnected.server).toEqual({ 'token-in-use': 2 });
    const again = session.server.reserve(freshCredentials().secret, credentials.token);
    expect(again.ok ? 'reserved' : again.error.code).toBe('token-in-use');

    first.disconnect();
    session.step(100);
    expect(session.server.connectedCount).toBe(0);
    const afterEnd = expectNoEffect(session, () => {
      for (const thief of thieves) thief.update(session.now); // its next request is due
    });
    expect(afterEnd.server).toEqual({ 'unknown-token': 2 });
    expect(session.server.reservedCount + session.server.connectedCount).toBe(0);
  });
});

describe('attack: an expired reserved slot', () => {
  it('is not revived by its genuine request arriving late', () => {
    const session = new Session({ server: { reservationTimeout: 500 } });
    const client = session.addClient({ connectTimeout: 60_000 });
    const captured = capture(session.network);
    session.network.setConditions({ loss: 1 }, CLIENT, SERVER_ADDRESS);
    const handle = session.connect(client);
    session.step(600);
    expect(session.serverEvents).toEqual([
      expect.objectContaining({ connection: handle, reason: 'reservation-expired' }),
    ]);
    const requests = captured.filter((d) => d.kind === PacketKind.ConnectionRequest);
    expect(requests.length).toBeGreaterThanOrEqual(5);

    const outcome = expectNoEffect(session, () => {
      for (const d of requests.slice(0, 5)) session.network.inject(d.bytes, d.from, d.to);
    });
    expect(outcome.server).toEqual({ 'unknown-token': 5 });
    expect(session.server.reservedCount + session.server.connectedCount).toBe(0);
    expect(client.state).toBe('connecting');
  });
});

describe('attack: connection requests from many addresses for one token', () => {
  it('binds nothing when they carry forged tags, and the real client still connects', () => {
    const session = new Session({ server: { maxConnections: 4 } });
    const credentials = freshCredentials();
    session.server.reserve(credentials.secret, credentials.token);
    const body = requestBody(credentials.token);
    const outcome = expectNoEffect(session, () => {
      for (let i = 0; i < 200; i++) {
        const forged = forge({ kind: PacketKind.ConnectionRequest, sequence: 1 + (i % 3), body });
        session.network.inject(
          forged,
          { address: `10.0.${i >> 8}.${i & 255}`, port: 4000 + i },
          SERVER_ADDRESS,
        );
      }
    });
    expect(outcome.server).toEqual({ 'bad-tag': 200 });
    expect(session.server.reservedCount).toBe(1);

    const client = session.addClient();
    client.connect(SERVER_ADDRESS, credentials.secret, credentials.token);
    session.step(100);
    expect(client.state).toBe('connected');
  });

  it('is token-in-use for the genuine request replayed from many addresses after connect', () => {
    const { session, captured } = liveSession();
    const request = captured.find((d) => d.kind === PacketKind.ConnectionRequest)!.bytes;
    const outcome = expectNoEffect(session, () => {
      for (let i = 0; i < 200; i++) {
        session.network.inject(
          request,
          { address: `10.1.${i >> 8}.${i & 255}`, port: 9 },
          SERVER_ADDRESS,
        );
      }
    });
    expect(outcome.server).toEqual({ 'token-in-use': 200 });
  });

  it('binds the token once when an on-path attacker races the genuine request (the documented limit)', () => {
    const session = new Session();
    const client = session.addClient();
    const captured = capture(session.network);
    session.network.setConditions({ loss: 1 }, CLIENT, SERVER_ADDRESS);
    const handle = session.connect(client);
    session.step(10);
    const request = captured.find((d) => d.kind === PacketKind.ConnectionRequest)!.bytes;
    const replies = capture(session.network);
    for (let i = 0; i < 50; i++) {
      session.network.inject(request, { address: `racer-${i}`, port: 1 }, SERVER_ADDRESS);
    }
    session.updateAll();
    replies.stop();
    // The first copy binds the slot to its sender; every other is token-in-use. The
    // attacker holds no secret: it can neither send nor read on that connection.
    expect(session.serverEvents).toEqual([
      expect.objectContaining({ type: 'connected', connection: handle }),
    ]);
    expect(session.server.peerAddress(handle)).toEqual({ address: 'racer-0', port: 1 });
    expect(session.server.metrics.drops['token-in-use']).toBe(49);
    const answers = replies.filter((d) => d.from.address === SERVER_ADDRESS.address);
    expect(answers.map((d) => [d.to.address, d.kind, d.bytes.length])).toEqual([
      ['racer-0', PacketKind.ConnectionAccepted, 24],
    ]);
  });
});

describe('attack: an unknown packet kind', () => {
  it('is dropped as unexpected-kind at either end, from any address', () => {
    const { session } = liveSession();
    const stranger = { address: 'stranger', port: 1 };
    const outcome = expectNoEffect(session, () => {
      for (const kind of [6, 7]) {
        for (const length of [0, 34, 100]) {
          const packet = forge({ kind, sequence: 10_000, body: randomBytes(length) });
          session.network.inject(packet, CLIENT, SERVER_ADDRESS);
          session.network.inject(packet, stranger, SERVER_ADDRESS);
          session.network.inject(packet, SERVER_ADDRESS, CLIENT);
          session.network.inject(packet, stranger, CLIENT);
        }
      }
      // Kinds that exist but cannot come from that side.
      for (const kind of [PacketKind.ConnectionAccepted, PacketKind.ConnectionDenied]) {
        const packet = forge({ kind, sequence: 10_000, body: bodyOf(kind, randomBytes(32)) });
        session.network.inject(packet, CLIENT, SERVER_ADDRESS);
        session.network.inject(packet, stranger, SERVER_ADDRESS);
      }
      const request = forge({ kind: 0, sequence: 10_000, body: requestBody(randomBytes(32)) });
      session.network.inject(request, SERVER_ADDRESS, CLIENT);
      session.network.inject(request, stranger, CLIENT);
    });
    expect(outcome.server).toEqual({ 'unexpected-kind': 16 });
    expect(outcome.clients).toEqual([{ 'unexpected-kind': 14 }]);
  });
});

describe('attack: a sequence number far from the window', () => {
  it('is a replay when a genuine packet arrives 256 or more behind the newest', () => {
    const { session, client, handle, captured } = liveSession();
    const from = captured.length;
    session.network.setConditions({ loss: 1 }, CLIENT, SERVER_ADDRESS);
    const held = Array.from({ length: 10 }, (_, i) => client.send(Uint8Array.of(i)));
    session.step(10);
    session.network.setConditions({}, CLIENT, SERVER_ADDRESS);
    const heldPackets = captured.slice(from).filter((d) => d.kind === PacketKind.Payload);
    expect(heldPackets).toHaveLength(10);
    for (let i = 0; i < 250; i++) client.send(Uint8Array.of(0));
    session.step(10);
    const newest = serverConnection(session.server, handle).received.latest;
    expect(newest - held[3]!).toBe(256);

    const outcome = expectNoEffect(session, () => {
      for (const d of heldPackets.slice(0, 4)) session.network.inject(d.bytes, d.from, d.to);
    });
    expect(outcome.server).toEqual({ replay: 4 });

    // 255 behind and newer: still inside the window, delivered once.
    const before = messageCount(session.serverEvents);
    for (const d of heldPackets.slice(4)) session.network.inject(d.bytes, d.from, d.to);
    session.updateAll();
    expect(messageCount(session.serverEvents) - before).toBe(6);
  });

  it('never moves the window for a forged packet, whatever 13-bit sequence it claims', () => {
    const { session, client, handle } = liveSession({ maxPacketsPerUpdate: 8192 });
    jumpSequences(session.server, handle, client, 2 ** 32 + 100);
    client.send(Uint8Array.of(1));
    session.server.send(handle, Uint8Array.of(1));
    session.step(10);
    const outcome = expectNoEffect(session, () => {
      for (let sequence = 0; sequence < 8192; sequence++) {
        const packet = forge({ kind: PacketKind.Payload, sequence, body: Uint8Array.of(7) });
        session.network.inject(packet, CLIENT, SERVER_ADDRESS);
      }
    });
    // Every claim reads as a number within 4,096 of the next expected one: the 3,839
    // that land 256 or more behind the newest, and the newest itself, are replays; the
    // other 4,352 reach the tag check and fail it.
    expect(outcome.server).toEqual({ replay: 3840, 'bad-tag': 4352 });
  });

  it('drops a genuine packet more than 4,096 ahead, and moves nothing', () => {
    const { session, client, handle } = liveSession();
    const atServer = serverConnection(session.server, handle);
    const atClient = clientConnection(client);

    // 4,096 ahead of the next expected sequence: still read right, and delivered.
    skipSending(atClient, atServer.received.latest + 1 + 4096);
    const edge = client.send(Uint8Array.of(1));
    session.updateAll();
    expect(atServer.received.latest).toBe(edge);

    const outcome = expectNoEffect(session, () => {
      // 4,097 ahead: it reads as 8,192 lower, far behind the window: a replay.
      skipSending(atClient, edge + 1 + 4097);
      client.send(Uint8Array.of(2));
      // 8,092 ahead: it reads as 100 behind, a number never received (the gap the
      // jump above left), so it reaches the tag check, which covers the full number.
      skipSending(atClient, edge + 8192 - 100);
      client.send(Uint8Array.of(3));
    }, []);
    expect(outcome.server).toEqual({ replay: 1, 'bad-tag': 1 });
  });
});
