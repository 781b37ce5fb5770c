import { describe, expect, it } from 'vitest';
import { readKind } from '../packets/header.js';
import { PacketKind } from '../packets/packetKind.js';
import type { SecurityMode } from '../security/securityMode.js';
import { Session } from '../test-support/session.js';

const other = (mode: SecurityMode): SecurityMode => (mode === 'sign' ? 'encrypt' : 'sign');

describe.each(['sign', 'encrypt'] as const)('a %s server', (serverMode) => {
  it(`denies a client in ${other(serverMode)} mode, and both ends say why`, () => {
    const session = new Session({ server: { securityMode: serverMode } });
    const client = session.addClient({ securityMode: other(serverMode) });
    const handle = session.connect(client);
    session.step(200);
    expect(client.state).toBe('disconnected');
    expect(session.clientEvents[0]).toEqual([
      expect.objectContaining({ type: 'disconnected', reason: 'denied-security-mode' }),
    ]);
    expect(session.serverEvents).toEqual([
      expect.objectContaining({
        type: 'disconnected',
        connection: handle,
        reason: 'denied-security-mode',
      }),
    ]);
    expect(session.server.metrics.drops.denied).toBe(1);
    expect(session.server.reservedCount).toBe(0);
  });

  it(`serves a client in ${serverMode} mode`, () => {
    const session = new Session({ server: { securityMode: serverMode } });
    const { client } = session.connected({ securityMode: serverMode });
    expect(client.state).toBe('connected');
  });
});

describe('what the wire shows', () => {
  const secret = new TextEncoder().encode('a payload anyone on the path could read');

  function payloadOnTheWire(mode: SecurityMode): Uint8Array {
    const session = new Session({ server: { securityMode: mode } });
    const { client } = session.connected({ securityMode: mode });
    let seen: Uint8Array | undefined;
    session.network.taps.push((bytes) => {
      if (readKind(bytes) === PacketKind.Payload) seen = bytes.slice(8, -16);
    });
    client.send(secret);
    session.step(20);
    expect(session.serverEvents.find((e) => e.type === 'message')).toMatchObject({
      payload: secret,
    });
    return seen!;
  }

  it('carries payloads in the clear when signing', () => {
    expect(payloadOnTheWire('sign')).toEqual(secret);
  });

  it('carries payloads encrypted when encrypting, with the same 24 bytes of overhead', () => {
    const wire = payloadOnTheWire('encrypt');
    expect(wire.length).toBe(secret.length);
    expect(Buffer.from(wire).includes(Buffer.from('payload'))).toBe(false);
  });
});
