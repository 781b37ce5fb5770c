import { describe, expect, it } from 'vitest';
import { NetstackError } from '../errors.js';
import { readKind } from '../packets/header.js';
import { PacketKind } from '../packets/packetKind.js';
import { freshCredentials, SERVER_ADDRESS, Session } from '../test-support/session.js';
import type { PeerAddress } from '../transport/transport.js';

/** Times (session clock) at which packets of `kind` were sent from `from`. */
function sendTimes(session: Session, kind: PacketKind, from: string): number[] {
  const times: number[] = [];
  session.network.taps.push((bytes, sender: PeerAddress) => {
    if (sender.address === from && readKind(bytes) === kind) times.push(session.now);
  });
  return times;
}

describe('Client', () => {
  it('resends its request every connectRetryInterval until connectTimeout, then gives up', () => {
    const session = new Session();
    const client = session.addClient({ connectRetryInterval: 250, connectTimeout: 1000 });
    const requests = sendTimes(session, PacketKind.ConnectionRequest, 'client-0');
    const { secret, token } = freshCredentials(); // never reserved: the server stays silent
    client.connect(SERVER_ADDRESS, secret, token);
    session.step(1500);
    expect(requests).toEqual([10, 260, 510, 760]);
    expect(session.clientEvents[0]).toEqual([
      { type: 'disconnected', connection: client.handle, reason: 'connect-timed-out', at: 1010 },
    ]);
    expect(client.state).toBe('disconnected');
  });

  it('connects when an acceptance arrives after lost requests', () => {
    const session = new Session();
    const client = session.addClient({ connectRetryInterval: 100 });
    session.network.setConditions({ loss: 1 }, { address: 'client-0', port: 5000 }, SERVER_ADDRESS);
    session.connect(client);
    session.step(450);
    expect(client.state).toBe('connecting');
    session.network.setConditions({}, { address: 'client-0', port: 5000 }, SERVER_ADDRESS);
    session.step(150);
    expect(client.state).toBe('connected');
  });

  it('sends a heartbeat only after heartbeatInterval without other packets', () => {
    const session = new Session();
    const { client } = session.connected({ heartbeatInterval: 100 });
    const heartbeats = sendTimes(session, PacketKind.Heartbeat, 'client-0');
    session.step(1000);
    const gaps = heartbeats.slice(1).map((t, i) => t - heartbeats[i]!);
    expect(heartbeats.length).toBeGreaterThanOrEqual(9);
    expect(new Set(gaps)).toEqual(new Set([100]));

    // A payload resets the idle clock: the next heartbeat comes 100 ms after it.
    session.step(30);
    client.send(new Uint8Array(1));
    const sentAt = session.now;
    heartbeats.length = 0;
    session.step(150);
    expect(heartbeats[0]).toBe(sentAt + 100);
  });

  it('stays connected through long idle periods thanks to heartbeats', () => {
    const session = new Session();
    const { client, handle } = session.connected({ timeout: 1000 });
    session.step(10_000);
    expect(client.state).toBe('connected');
    expect(session.server.isConnected(handle)).toBe(true);
  });

  it('times out exactly `timeout` after the last packet from a silent server', () => {
    const session = new Session();
    const { client } = session.connected({ timeout: 2000 });
    session.step(100);
    session.network.setConditions({ loss: 1 }, SERVER_ADDRESS, { address: 'client-0', port: 5000 });
    const silentFrom = session.now;
    session.step(3000);
    const disconnected = session.clientEvents[0]!.find((e) => e.type === 'disconnected');
    expect(disconnected).toMatchObject({ reason: 'timed-out' });
    // The last packet arrived at most one heartbeat interval before the link died.
    expect(disconnected!.at - silentFrom).toBeGreaterThan(2000 - 100);
    expect(disconnected!.at - silentFrom).toBeLessThanOrEqual(2000);
    expect(client.state).toBe('disconnected');
  });

  it('is timed out by the server when it goes silent', () => {
    const session = new Session({ server: { timeout: 1500 } });
    const { handle } = session.connected();
    session.network.setConditions({ loss: 1 }, { address: 'client-0', port: 5000 }, SERVER_ADDRESS);
    session.step(2000);
    expect(session.serverEvents).toContainEqual(
      expect.objectContaining({ connection: handle, reason: 'timed-out' }),
    );
  });

  it('refuses to send before it is connected, and to connect twice', () => {
    const session = new Session();
    const client = session.addClient();
    expect(() => client.send(new Uint8Array(1))).toThrow(NetstackError);
    expect(() => client.send(new Uint8Array(1))).toThrow(
      /disconnected; wait for the connected event/,
    );
    session.connect(client);
    expect(() => client.send(new Uint8Array(1))).toThrow(/connecting/);
    expect(() => session.connect(client)).toThrow(/call disconnect\(\) before connecting again/);
  });

  it('reconnects after a disconnect, with a new handle', () => {
    const session = new Session();
    const { client } = session.connected();
    const firstHandle = client.handle;
    client.disconnect();
    session.step(20);
    session.connect(client);
    session.step(100);
    expect(client.state).toBe('connected');
    expect(client.handle).not.toBe(firstHandle);
  });

  it('measures a round-trip time close to twice the one-way latency', () => {
    const session = new Session({ conditions: { latency: 40 } });
    const { client, handle } = session.connected();
    for (let i = 0; i < 50; i++) {
      client.send(new Uint8Array(8));
      session.server.send(handle, new Uint8Array(8));
      session.step(20, 1);
    }
    // 80 ms of flight, plus up to one 20 ms send interval before the ack rides back.
    expect(client.stats.rtt).toBeGreaterThanOrEqual(80);
    expect(client.stats.rtt).toBeLessThan(105);
    expect(session.server.stats(handle).rtt).toBeGreaterThanOrEqual(80);
    expect(client.stats.packetLoss).toBe(0);
  });
});
