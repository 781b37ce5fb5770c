import { describe, expect, it } from 'vitest';
import { NetstackError } from '../errors.js';
import { PacketKind } from '../packets/packetKind.js';
import { MAX_SEQUENCE } from '../packets/sequence.js';
import { capture } from '../test-support/packets.js';
import { jumpSequences } from '../test-support/sequenceJump.js';
import { Session } from '../test-support/session.js';

const COUNT = 40;

/**
 * A live connection whose sequence numbers cross the points where a 13-bit, 16-bit,
 * 31-bit or 32-bit slip would show, and run up to the very last sequence: the wire
 * forms, their expansion, the tag (HMAC prefix or AEAD nonce over the full 64-bit
 * number), the replay window and the acks must all hold there, in both security modes.
 * (netcode's IMPLEMENTERS.md found its replay check overflowing at the top of its range.)
 */
describe.each([
  ['2^16', 2 ** 16 - COUNT / 2],
  ['2^31', 2 ** 31 - COUNT / 2],
  ['2^32', 2 ** 32 - COUNT / 2],
  ['2^48', 2 ** 48 - COUNT / 2],
  ['the last sequences', MAX_SEQUENCE - COUNT - 20],
])('a connection across %s', (_name, start) => {
  it('delivers and acknowledges every message once, and drops every replay', () => {
    const session = new Session();
    const { client, handle } = session.connected();
    jumpSequences(session.server, handle, client, start);
    const captured = capture(session.network);

    const sentByClient: number[] = [];
    const sentByServer: number[] = [];
    for (let i = 0; i < COUNT; i++) {
      sentByClient.push(client.send(new Uint8Array([i, 1])));
      sentByServer.push(session.server.send(handle, new Uint8Array([i, 2])));
      session.step(10);
    }
    session.step(300); // heartbeats carry the last acks
    const expected = Array.from({ length: COUNT }, (_, i) => start + i);
    expect(sentByClient).toEqual(expected);
    expect(sentByServer).toEqual(expected);

    const atServer = session.serverEvents;
    const atClient = session.clientEvents[0]!;
    const messages = (events: typeof atServer) =>
      events.flatMap((e) => (e.type === 'message' ? [[e.sequence, ...e.payload]] : []));
    const acked = (events: typeof atServer) =>
      events.flatMap((e) => (e.type === 'messageAcknowledged' ? [e.sequence] : []));
    expect(messages(atServer)).toEqual(expected.map((s, i) => [s, i, 1]));
    expect(messages(atClient)).toEqual(expected.map((s, i) => [s, i, 2]));
    expect(acked(atServer)).toEqual(expected);
    expect(acked(atClient)).toEqual(expected);
    expect(client.state).toBe('connected');
    expect(session.server.metrics.drops['bad-tag'] + client.metrics.drops['bad-tag']).toBe(0);

    const eventsBefore = [atServer.length, atClient.length];
    const payloads = captured.filter((c) => c.kind === PacketKind.Payload);
    expect(payloads).toHaveLength(2 * COUNT);
    for (const packet of payloads) session.network.inject(packet.bytes, packet.from, packet.to);
    session.updateAll();
    expect([atServer.length, atClient.length]).toEqual(eventsBefore);
    expect(session.server.metrics.drops.replay).toBe(COUNT);
    expect(client.metrics.drops.replay).toBe(COUNT);
  });
});

describe('the last sequence number', () => {
  it('is sent and received, and the one after it is refused with sequence-exhausted', () => {
    const session = new Session();
    const { client, handle } = session.connected();
    jumpSequences(session.server, handle, client, MAX_SEQUENCE - 1);
    expect(client.send(new Uint8Array([1]))).toBe(MAX_SEQUENCE - 1);
    expect(client.send(new Uint8Array([2]))).toBe(MAX_SEQUENCE);
    session.updateAll();
    expect(session.serverEvents.flatMap((e) => (e.type === 'message' ? [e.sequence] : []))).toEqual(
      [MAX_SEQUENCE - 1, MAX_SEQUENCE],
    );
    let error: unknown;
    try {
      client.send(new Uint8Array([3]));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(NetstackError);
    expect((error as NetstackError).code).toBe('sequence-exhausted');
  });
});
