import { describe, expect, it } from 'vitest';
import { readKind } from '../packets/header.js';
import { PacketKind } from '../packets/packetKind.js';
import {
  freshCredentials,
  type RecordedEvent,
  SERVER_ADDRESS,
  Session,
} from '../test-support/session.js';
import type { PeerAddress } from '../transport/transport.js';

interface Captured {
  bytes: Uint8Array;
  from: PeerAddress;
  to: PeerAddress;
}

function capture(session: Session): Captured[] {
  const captured: Captured[] = [];
  session.network.taps.push((bytes, from, to) => captured.push({ bytes: bytes.slice(), from, to }));
  return captured;
}

const CLIENT: PeerAddress = { address: 'client-0', port: 5000 };

function messages(events: RecordedEvent[]): RecordedEvent[] {
  return events.filter((e) => e.type === 'message');
}

describe('packet security', () => {
  it('rejects a payload with any single bit flipped, and the connection carries on', () => {
    const session = new Session();
    const { client, handle } = session.connected();
    const captured = capture(session);
    session.network.setConditions({ loss: 1 }, CLIENT, SERVER_ADDRESS);
    client.send(new Uint8Array([10, 20, 30, 40]));
    session.step(10);
    const original = captured.find((c) => readKind(c.bytes) === PacketKind.Payload)!.bytes;
    const eventsBefore = session.serverEvents.length;

    for (let bit = 0; bit < original.length * 8; bit++) {
      const forged = original.slice();
      forged[bit >>> 3]! ^= 1 << (bit & 7);
      session.network.inject(forged, CLIENT, SERVER_ADDRESS);
    }
    session.step(10);
    expect(session.serverEvents.length).toBe(eventsBefore);
    const drops = session.server.metrics.drops;
    expect(drops['bad-tag'] + drops.replay + drops['unexpected-kind'] + drops.malformed).toBe(
      original.length * 8,
    );

    // The genuine packet still verifies: nothing above moved the replay window.
    session.network.inject(original, CLIENT, SERVER_ADDRESS);
    session.step(10);
    expect(messages(session.serverEvents)).toEqual([
      expect.objectContaining({ connection: handle, payload: new Uint8Array([10, 20, 30, 40]) }),
    ]);
  });

  it('delivers a replayed payload once and drops the copies as replays', () => {
    const session = new Session();
    const { client } = session.connected();
    const captured = capture(session);
    client.send(new Uint8Array([7]));
    session.step(10);
    const packet = captured.find((c) => readKind(c.bytes) === PacketKind.Payload)!.bytes;
    for (let i = 0; i < 5; i++) session.network.inject(packet, CLIENT, SERVER_ADDRESS);
    session.step(100);
    expect(messages(session.serverEvents)).toHaveLength(1);
    expect(session.server.metrics.drops.replay).toBe(5);
  });

  it('rejects a packet reflected back at its sender', () => {
    const session = new Session();
    const { handle } = session.connected();
    const captured = capture(session);
    // Run the server's sequence ahead of the client's, so the reflected packet passes the
    // replay pre-check and meets the tag check.
    for (let i = 0; i < 20; i++) session.server.send(handle, new Uint8Array([1, 2, 3]));
    session.step(10);
    const fromServer = captured
      .filter((c) => readKind(c.bytes) === PacketKind.Payload)
      .at(-1)!.bytes;
    // An attacker bounces the server's own packet back to it from the client's address.
    session.network.inject(fromServer, CLIENT, SERVER_ADDRESS);
    session.step(10);
    expect(messages(session.serverEvents)).toHaveLength(0);
    expect(session.server.metrics.drops['bad-tag']).toBe(1);
  });

  it('refuses a client that holds the token but not the secret', () => {
    const session = new Session();
    const reserved = freshCredentials();
    session.server.reserve(reserved.secret, reserved.token);
    const client = session.addClient();
    client.connect(SERVER_ADDRESS, freshCredentials().secret, reserved.token);
    session.step(1000);
    expect(client.state).toBe('connecting');
    expect(session.server.connectedCount).toBe(0);
    expect(session.server.reservedCount).toBe(1);
    expect(session.server.metrics.drops['bad-tag']).toBeGreaterThan(0);
    expect(session.serverEvents).toEqual([]);
  });

  it('does not let rejected packets keep a connection alive (no timeout refresh)', () => {
    const session = new Session({ server: { timeout: 1000 } });
    const { client, handle } = session.connected();
    const captured = capture(session);
    client.send(new Uint8Array([1]));
    session.step(10);
    const genuine = captured.find((c) => readKind(c.bytes) === PacketKind.Payload)!.bytes;
    session.network.setConditions({ loss: 1 }, CLIENT, SERVER_ADDRESS);
    const lastGenuine = session.now;
    for (let t = 0; t < 1500; t += 50) {
      const forged = genuine.slice();
      forged[9]! ^= 0xff;
      session.network.inject(forged, CLIENT, SERVER_ADDRESS);
      session.network.inject(genuine, CLIENT, SERVER_ADDRESS);
      session.step(50);
    }
    const timedOut = session.serverEvents.find(
      (e) => e.type === 'disconnected' && e.connection === handle,
    );
    expect(timedOut).toMatchObject({ reason: 'timed-out' });
    expect(timedOut!.at - lastGenuine).toBeLessThanOrEqual(1000 + 10);
  });

  it('answers a request from an unproven address with fewer bytes than the request', () => {
    const session = new Session();
    const captured = capture(session);
    session.connected();
    const requests = captured.filter((c) => readKind(c.bytes) === PacketKind.ConnectionRequest);
    const answers = captured.filter((c) => c.from.address === SERVER_ADDRESS.address);
    expect(requests.length).toBeGreaterThan(0);
    const accepted = answers.find((c) => readKind(c.bytes) === PacketKind.ConnectionAccepted)!;
    expect(accepted.bytes.length).toBeLessThan(requests[0]!.bytes.length);
  });

  it('ignores datagrams from addresses other than the server at the client', () => {
    const session = new Session();
    const { client, handle } = session.connected();
    const captured = capture(session);
    session.server.send(handle, new Uint8Array([5]));
    session.step(10);
    const packet = captured.find((c) => readKind(c.bytes) === PacketKind.Payload)!.bytes;
    session.network.inject(packet, { address: 'elsewhere', port: 40000 }, CLIENT);
    session.step(10);
    expect(messages(session.clientEvents[0]!)).toHaveLength(1);
    expect(client.metrics.drops['unknown-address']).toBe(1);
  });

  it('counts drops in the documented order: size and kind before the address', () => {
    const session = new Session();
    const { client } = session.connected();
    const stranger = { address: 'stranger', port: 1 };
    const header = (kind: number, length: number) => {
      const bytes = new Uint8Array(length);
      bytes[0] = kind;
      return bytes;
    };
    for (const to of [SERVER_ADDRESS, CLIENT]) {
      session.network.inject(header(6, 24), stranger, to); // no such kind
      session.network.inject(header(PacketKind.Heartbeat, 30), stranger, to); // wrong size
      session.network.inject(header(PacketKind.Payload, 10), stranger, to); // too short
      session.network.inject(header(PacketKind.Heartbeat, 24), stranger, to); // fine, but whose?
    }
    session.network.inject(header(PacketKind.ConnectionAccepted, 24), stranger, SERVER_ADDRESS);
    session.network.inject(header(PacketKind.ConnectionRequest, 58), stranger, CLIENT);
    session.updateAll();
    const expected = { 'unexpected-kind': 2, malformed: 2, 'unknown-address': 1 };
    expect(nonZero(session.server.metrics.drops)).toEqual(expected);
    expect(nonZero(client.metrics.drops)).toEqual(expected);
  });
});

function nonZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, count]) => count !== 0));
}
