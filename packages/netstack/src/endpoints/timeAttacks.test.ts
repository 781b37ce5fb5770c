import { describe, expect, it } from 'vitest';
import { PacketKind } from '../packets/packetKind.js';
import { clientAddress } from '../test-support/noEffect.js';
import { clientConnection, serverConnection } from '../test-support/observableState.js';
import { freshCredentials, SERVER_ADDRESS, Session } from '../test-support/session.js';
import { TwoClocks } from '../test-support/twoClocks.js';
import { SeededRandom } from '../testing/random.js';

/**
 * Attacks on time: a clock that goes backwards (update(now) with a smaller now than
 * before: an NTP step of a wall clock, a bug in the game loop), and a peer that stops
 * answering mid-stream. netstack reads no clock itself, so it must tolerate whatever
 * `now` it is handed without spurious timeouts or negative round trips.
 */

const TIMEOUT = 2000;
const HEARTBEAT = 100;
const JUMP = 5000; // more than twice the timeout

function disconnects(events: { type: string }[]): unknown[] {
  return events.filter((e) => e.type === 'disconnected');
}

/** The longest stretch (network time) between consecutive sends. */
function longestGap(times: number[]): number {
  return Math.max(...times.slice(1).map((t, i) => t - times[i]!));
}

describe('attack: the clock going backwards', () => {
  describe.each(['server', 'client'] as const)('on the %s', (side) => {
    it('times nothing out, stops no heartbeat, keeps every RTT sample non-negative', () => {
      const clocks = new TwoClocks({
        server: { timeout: TIMEOUT, heartbeatInterval: HEARTBEAT },
        client: { timeout: TIMEOUT, heartbeatInterval: HEARTBEAT },
      });
      const handle = clocks.connect();
      clocks.step(200);
      expect(clocks.client.state).toBe('connected');

      // The other side talks; the side whose clock jumps only sends heartbeats, so the
      // other side hears from it only if its heartbeats keep coming.
      let sentToJumper = 0;
      const talk = () => {
        if (clocks.networkNow % 50 !== 0) return;
        sentToJumper++;
        if (side === 'server') clocks.client.send(Uint8Array.of(1));
        else clocks.server.send(handle, Uint8Array.of(1));
      };
      clocks.step(1000, 10, talk);
      const jumpedAt = clocks.networkNow;
      if (side === 'server') clocks.serverSkew = JUMP;
      else clocks.clientSkew = JUMP;
      const stats = () => [clocks.server.stats(handle), clocks.client.stats];
      const worst = { rtt: 0, latestRtt: 0, rttVariance: 0 };
      clocks.step(3 * TIMEOUT, 10, () => {
        talk();
        for (const s of stats()) {
          worst.rtt = Math.min(worst.rtt, s.rtt);
          worst.latestRtt = Math.min(worst.latestRtt, s.latestRtt);
          worst.rttVariance = Math.min(worst.rttVariance, s.rttVariance);
        }
      });
      clocks.step(20); // the last message lands

      expect(disconnects(clocks.serverEvents)).toEqual([]);
      expect(disconnects(clocks.clientEvents)).toEqual([]);
      expect(clocks.client.state).toBe('connected');
      expect(clocks.server.isConnected(handle)).toBe(true);
      expect(worst).toEqual({ rtt: 0, latestRtt: 0, rttVariance: 0 });
      expect(clocks.rttSamples.every((ms) => ms >= 0)).toBe(true);
      const jumperSends = (side === 'server' ? clocks.serverSends : clocks.clientSends).filter(
        (t) => t >= jumpedAt - HEARTBEAT,
      );
      expect(longestGap(jumperSends)).toBeLessThanOrEqual(HEARTBEAT + 10);
      const received = (side === 'server' ? clocks.serverEvents : clocks.clientEvents).filter(
        (e) => e.type === 'message',
      );
      expect(received).toHaveLength(sentToJumper);
    });
  });

  it('lets a connecting client whose clock went back keep asking, and connect', () => {
    const clocks = new TwoClocks();
    const { secret, token } = freshCredentials();
    clocks.client.connect(SERVER_ADDRESS, secret, token);
    clocks.step(300); // asking a server that has no reservation yet
    clocks.clientSkew = JUMP;
    clocks.step(100);
    clocks.server.reserve(secret, token);
    clocks.step(250);
    expect(clocks.client.state).toBe('connected');
    expect(longestGap(clocks.clientSends)).toBeLessThanOrEqual(100 + 10);
  });

  it('survives random backward jumps of up to three timeouts on both clocks', () => {
    const random = new SeededRandom(2024);
    const clocks = new TwoClocks({
      server: { timeout: TIMEOUT, heartbeatInterval: HEARTBEAT },
      client: { timeout: TIMEOUT, heartbeatInterval: HEARTBEAT },
    });
    const handle = clocks.connect();
    clocks.step(200);
    const sent = { toServer: 0, toClient: 0 };
    clocks.step(20_000, 10, () => {
      if (random.chance(0.01)) clocks.serverSkew += random.next() * 3 * TIMEOUT;
      if (random.chance(0.01)) clocks.clientSkew += random.next() * 3 * TIMEOUT;
      if (random.chance(0.1)) {
        clocks.client.send(Uint8Array.of(1));
        sent.toServer++;
      }
      if (random.chance(0.1)) {
        clocks.server.send(handle, Uint8Array.of(2));
        sent.toClient++;
      }
    });
    clocks.step(20);
    expect(clocks.serverSkew).toBeGreaterThan(10 * TIMEOUT);
    expect(disconnects(clocks.serverEvents)).toEqual([]);
    expect(disconnects(clocks.clientEvents)).toEqual([]);
    expect(clocks.serverEvents.filter((e) => e.type === 'message')).toHaveLength(sent.toServer);
    expect(clocks.clientEvents.filter((e) => e.type === 'message')).toHaveLength(sent.toClient);
    expect(clocks.rttSamples.every((ms) => ms >= 0)).toBe(true);
    expect(clocks.server.stats(handle).rtt).toBeGreaterThanOrEqual(0);
  });
});

describe('attack: a peer that stops answering mid-stream', () => {
  it.each([
    ['the client goes silent: the server, then the client,', 'client'],
    ['the server goes silent: the client, then the server,', 'server'],
  ] as const)('%s time out exactly `timeout` after the last packet they heard', (_name, silent) => {
    const session = new Session({ server: { timeout: TIMEOUT } });
    const { client, handle } = session.connected({ timeout: TIMEOUT });
    const atServer = serverConnection(session.server, handle);
    const atClient = clientConnection(client);
    const CLIENT = clientAddress(0);
    const stream = (hearer: 'server' | 'client' | 'both') => {
      if (hearer !== 'client' && session.server.isConnected(handle)) {
        session.server.send(handle, Uint8Array.of(1));
      }
      if (hearer !== 'server' && client.state === 'connected') client.send(Uint8Array.of(2));
    };
    // Streaming both ways at about 30 Hz...
    for (let i = 0; i < 30; i++) {
      stream('both');
      session.step(30);
    }
    // ...until the silent side's datagrams vanish (a frozen process, a cut cable) while
    // it and its peer carry on.
    const sent: { at: number; from: string; kind: number }[] = [];
    session.network.taps.push((bytes, from) =>
      sent.push({ at: session.now, from: from.address, kind: bytes[0]! & 7 }),
    );
    if (silent === 'client') session.network.setConditions({ loss: 1 }, CLIENT, SERVER_ADDRESS);
    else session.network.setConditions({ loss: 1 }, SERVER_ADDRESS, CLIENT);
    const hearer = silent === 'client' ? 'server' : 'client';
    for (let t = 0; t < 3 * TIMEOUT; t += 30) {
      stream(hearer);
      session.step(30);
    }

    const ended = (events: { type: string; reason?: string; at: number }[]) =>
      events.filter((e) => e.type === 'disconnected');
    const serverEnd = ended(session.serverEvents);
    const clientEnd = ended(session.clientEvents[0]!);
    expect(serverEnd).toEqual([expect.objectContaining({ reason: 'timed-out' })]);
    expect(clientEnd).toEqual([expect.objectContaining({ reason: 'timed-out' })]);
    // Each ended at the first 10 ms tick at or after `timeout` since its last verified packet.
    const serverWaited = serverEnd[0]!.at - atServer.lastReceiveTime;
    const clientWaited = clientEnd[0]!.at - atClient.lastReceiveTime;
    for (const waited of [serverWaited, clientWaited]) {
      expect(waited).toBeGreaterThanOrEqual(TIMEOUT);
      expect(waited).toBeLessThan(TIMEOUT + 10);
    }
    // The peer of the silent side notices first; the silent side, once it hears nothing.
    const first = hearer === 'server' ? serverEnd[0]! : clientEnd[0]!;
    const second = hearer === 'server' ? clientEnd[0]! : serverEnd[0]!;
    expect(first.at).toBeLessThan(second.at);
    // Timing out sends nothing: no disconnect packet, nothing after the end.
    expect(sent.filter((d) => d.kind === PacketKind.Disconnect)).toEqual([]);
    expect(
      sent.filter((d) => d.from === SERVER_ADDRESS.address && d.at > serverEnd[0]!.at),
    ).toEqual([]);
    expect(sent.filter((d) => d.from === CLIENT.address && d.at > clientEnd[0]!.at)).toEqual([]);
    expect(session.server.connectedCount).toBe(0);
    expect(client.state).toBe('disconnected');
  });
});
