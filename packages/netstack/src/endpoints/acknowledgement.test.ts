import { describe, expect, it } from 'vitest';
import { type RecordedEvent, Session } from '../test-support/session.js';
import type { LinkConditions } from '../testing/linkConditioner.js';

/**
 * Two-way traffic at 30 Hz between a server and three clients on a bad link, checking
 * the ack contract against what really arrived: every acknowledged sequence was
 * received by the peer, none is acknowledged twice, no message is delivered twice.
 */
function exchange(conditions: LinkConditions, seed: number) {
  const session = new Session({ seed, conditions });
  const peers = [session.connected(), session.connected(), session.connected()];
  const sentByClient = peers.map(() => new Set<number>());
  const sentByServer = peers.map(() => new Set<number>());
  for (let tick = 0; tick < 30 * 60; tick++) {
    peers.forEach((peer, i) => {
      if (peer.client.state !== 'connected') return;
      sentByClient[i]!.add(peer.client.send(new Uint8Array([i, tick & 0xff])));
      sentByServer[i]!.add(session.server.send(peer.handle, new Uint8Array(40).fill(tick & 0xff)));
    });
    session.step(33, 33);
  }
  return { session, peers, sentByClient, sentByServer };
}

function sequencesOf(
  events: RecordedEvent[],
  type: RecordedEvent['type'],
  connection?: number,
): number[] {
  return events
    .filter((e) => e.type === type && (connection === undefined || e.connection === connection))
    .map((e) => ('sequence' in e ? e.sequence : -1));
}

const cases: [string, LinkConditions][] = [
  ['a perfect link', {}],
  [
    '20% loss, 10% duplication, 5% reordering, 40 ± 20 ms',
    { loss: 0.2, duplication: 0.1, reordering: 0.05, latency: 40, jitter: 20 },
  ],
  [
    '5% loss, 10% duplication, 250 ± 250 ms',
    { loss: 0.05, duplication: 0.1, latency: 250, jitter: 250 },
  ],
];

describe.each(cases)('acknowledgements over %s', (_name, conditions) => {
  const { session, peers, sentByClient, sentByServer } = exchange(conditions, 42);

  it('keeps every client connected', () => {
    for (const peer of peers) expect(peer.client.state).toBe('connected');
  });

  it('acknowledges, at the server, only packets the client received, each once', () => {
    peers.forEach((peer, i) => {
      const received = new Set(sequencesOf(session.clientEvents[peer.index]!, 'message'));
      const acked = sequencesOf(session.serverEvents, 'messageAcknowledged', peer.handle);
      expect(new Set(acked).size).toBe(acked.length);
      for (const sequence of acked) {
        expect(sentByServer[i]!.has(sequence)).toBe(true);
        expect(received.has(sequence)).toBe(true);
      }
      // Most packets that arrived are acknowledged (the last few acks may still be in flight).
      expect(acked.length).toBeGreaterThan(received.size * 0.9);
    });
  });

  it('acknowledges, at the client, only packets the server received, each once', () => {
    peers.forEach((peer) => {
      const received = new Set(sequencesOf(session.serverEvents, 'message', peer.handle));
      const acked = sequencesOf(session.clientEvents[peer.index]!, 'messageAcknowledged');
      expect(new Set(acked).size).toBe(acked.length);
      for (const sequence of acked) expect(received.has(sequence)).toBe(true);
      expect(acked.length).toBeGreaterThan(received.size * 0.9);
    });
  });

  it('delivers every message at most once, and about as many as the link lets through', () => {
    const loss = conditions.loss ?? 0;
    peers.forEach((peer, i) => {
      const atServer = sequencesOf(session.serverEvents, 'message', peer.handle);
      const atClient = sequencesOf(session.clientEvents[peer.index]!, 'message');
      expect(new Set(atServer).size).toBe(atServer.length);
      expect(new Set(atClient).size).toBe(atClient.length);
      const sent = sentByClient[i]!.size;
      expect(atServer.length).toBeGreaterThan(sent * (1 - loss) * 0.9);
      expect(atServer.length).toBeLessThanOrEqual(sent);
    });
  });

  it('estimates loss near the link loss rate', () => {
    const loss = conditions.loss ?? 0;
    for (const peer of peers) {
      expect(Math.abs(peer.client.stats.packetLoss - loss)).toBeLessThan(0.1);
    }
  });
});
