import { describe, expect, it } from 'vitest';
import { NetstackError } from '../errors.js';
import { readKind } from '../packets/header.js';
import { PacketKind } from '../packets/packetKind.js';
import { freshCredentials, SERVER_ADDRESS, Session } from '../test-support/session.js';

function expectError(action: () => unknown, code: string): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(NetstackError);
    expect((error as NetstackError).code).toBe(code);
    return;
  }
  throw new Error(`expected a NetstackError with code ${code}`);
}

describe('Server', () => {
  it('connects a client and carries messages both ways, each acknowledged once', () => {
    const session = new Session();
    const { client, handle } = session.connected();
    expect(session.serverEvents).toContainEqual(
      expect.objectContaining({ type: 'connected', connection: handle }),
    );

    const fromClient = client.send(new Uint8Array([1, 2, 3]));
    const fromServer = session.server.send(handle, new Uint8Array([9, 8]));
    session.step(300);

    const serverMessages = session.serverEvents.filter((e) => e.type === 'message');
    expect(serverMessages).toEqual([
      expect.objectContaining({
        connection: handle,
        sequence: fromClient,
        payload: new Uint8Array([1, 2, 3]),
      }),
    ]);
    const clientMessages = session.clientEvents[0]!.filter((e) => e.type === 'message');
    expect(clientMessages).toEqual([
      expect.objectContaining({ sequence: fromServer, payload: new Uint8Array([9, 8]) }),
    ]);
    expect(session.serverEvents.filter((e) => e.type === 'messageAcknowledged')).toEqual([
      expect.objectContaining({ connection: handle, sequence: fromServer }),
    ]);
    expect(session.clientEvents[0]!.filter((e) => e.type === 'messageAcknowledged')).toEqual([
      expect.objectContaining({ sequence: fromClient }),
    ]);
  });

  it('numbers sends with increasing sequence numbers', () => {
    const session = new Session();
    const { handle } = session.connected();
    const first = session.server.send(handle, new Uint8Array(1));
    const second = session.server.send(handle, new Uint8Array(1));
    expect(second).toBe(first + 1);
  });

  it('refuses a reservation past maxConnections with server-full, and accepts again once a slot frees', () => {
    const session = new Session({ server: { maxConnections: 2 } });
    const a = session.server.reserve(freshCredentials().secret, freshCredentials().token);
    const b = session.server.reserve(freshCredentials().secret, freshCredentials().token);
    const c = session.server.reserve(freshCredentials().secret, freshCredentials().token);
    expect(a.ok && b.ok).toBe(true);
    expect(c.ok).toBe(false);
    if (c.ok || !a.ok) throw new Error('unreachable');
    expect(c.error.code).toBe('server-full');
    expect(c.error.message).toMatch(/All 2 slots.*maxConnections/);
    expect(session.server.reservedCount).toBe(2);

    session.server.disconnect(a.handle);
    expect(session.server.reserve(freshCredentials().secret, freshCredentials().token).ok).toBe(
      true,
    );
  });

  it('refuses a token that is already reserved, and keys that are not 32 bytes', () => {
    const session = new Session();
    const credentials = freshCredentials();
    expect(session.server.reserve(credentials.secret, credentials.token).ok).toBe(true);
    const again = session.server.reserve(freshCredentials().secret, credentials.token);
    expect(again.ok ? undefined : again.error.code).toBe('token-in-use');
    expectError(() => session.server.reserve(new Uint8Array(31), credentials.token), 'invalid-key');
    expectError(
      () => session.server.reserve(credentials.secret, new Uint8Array(33)),
      'invalid-key',
    );
  });

  it('lets a reservation lapse reservationTimeout after the next update, then refuses its token', () => {
    const session = new Session({ server: { reservationTimeout: 1000 } });
    const credentials = freshCredentials();
    const reserved = session.server.reserve(credentials.secret, credentials.token);
    if (!reserved.ok) throw reserved.error;
    session.step(990);
    expect(session.server.reservedCount).toBe(1);
    session.step(20);
    expect(session.server.reservedCount).toBe(0);
    expect(session.serverEvents).toEqual([
      {
        type: 'disconnected',
        connection: reserved.handle,
        reason: 'reservation-expired',
        at: 1010,
      },
    ]);
    expect(session.server.metrics.reservationsExpired).toBe(1);

    const client = session.addClient();
    client.connect(SERVER_ADDRESS, credentials.secret, credentials.token);
    session.step(6000);
    expect(client.state).toBe('disconnected');
    expect(session.clientEvents[0]).toContainEqual(
      expect.objectContaining({ reason: 'connect-timed-out' }),
    );
    expect(session.server.metrics.drops['unknown-token']).toBeGreaterThan(0);
  });

  it('binds a token once: a second client with the same credentials is refused', () => {
    const session = new Session();
    const credentials = freshCredentials();
    const first = session.addClient();
    session.connect(first, credentials);
    session.step(200);
    expect(first.state).toBe('connected');

    const second = session.addClient();
    second.connect(SERVER_ADDRESS, credentials.secret, credentials.token);
    session.step(6000);
    expect(second.state).toBe('disconnected');
    expect(session.server.metrics.drops['token-in-use']).toBeGreaterThan(0);
    expect(session.server.connectedCount).toBe(1);
    expect(first.state).toBe('connected');
  });

  it('makes handles stale when their connection ends, even after the slot is reused', () => {
    const session = new Session({ server: { maxConnections: 1 } });
    const { handle } = session.connected();
    session.server.disconnect(handle);
    expect(session.server.isConnected(handle)).toBe(false);
    expectError(() => session.server.send(handle, new Uint8Array(1)), 'stale-handle');

    const next = session.connected();
    expect(next.handle).not.toBe(handle);
    expect(next.handle % 65536).toBe(handle % 65536);
    expectError(() => session.server.send(handle, new Uint8Array(1)), 'stale-handle');
    expectError(() => session.server.disconnect(handle), 'stale-handle');
    expect(session.server.isConnected(next.handle)).toBe(true);
  });

  it('refuses to send to a slot that is reserved but not yet connected', () => {
    const session = new Session();
    const reserved = session.server.reserve(freshCredentials().secret, freshCredentials().token);
    if (!reserved.ok) throw reserved.error;
    expectError(() => session.server.send(reserved.handle, new Uint8Array(1)), 'not-connected');
  });

  it('sends a payload of exactly maxPacketBytes - 24 bytes and refuses one byte more', () => {
    const session = new Session();
    const { handle } = session.connected();
    session.server.send(handle, new Uint8Array(1176));
    expectError(() => session.server.send(handle, new Uint8Array(1177)), 'payload-too-large');
    session.step(100);
    expect(session.clientEvents[0]!.filter((e) => e.type === 'message')).toHaveLength(1);
  });

  it('tells the client, several times, when it disconnects it', () => {
    const session = new Session({ server: { disconnectPacketCount: 4 } });
    const { handle } = session.connected();
    let disconnectPackets = 0;
    session.network.taps.push((bytes, from) => {
      if (from.address === SERVER_ADDRESS.address && readKind(bytes) === PacketKind.Disconnect)
        disconnectPackets++;
    });
    session.server.disconnect(handle);
    session.step(50);
    expect(disconnectPackets).toBe(4);
    expect(session.serverEvents).toContainEqual(
      expect.objectContaining({ type: 'disconnected', reason: 'closed' }),
    );
    expect(session.clientEvents[0]).toContainEqual(
      expect.objectContaining({ type: 'disconnected', reason: 'closed-by-peer' }),
    );
    expect(session.clients[0]!.state).toBe('disconnected');
  });

  it('hears a client that leaves', () => {
    const session = new Session();
    const { client, handle } = session.connected();
    client.disconnect();
    session.step(50);
    expect(session.serverEvents).toContainEqual({
      type: 'disconnected',
      connection: handle,
      reason: 'closed-by-peer',
      at: expect.any(Number),
    });
    expect(session.server.connectedCount).toBe(0);
  });

  it('disconnects every client and cancels every reservation on close', () => {
    const session = new Session();
    session.connected();
    session.connected();
    session.server.reserve(freshCredentials().secret, freshCredentials().token);
    session.server.close();
    session.step(50);
    expect(session.serverEvents.filter((e) => e.type === 'disconnected')).toHaveLength(3);
    for (const events of session.clientEvents) {
      expect(events).toContainEqual(
        expect.objectContaining({ type: 'disconnected', reason: 'closed-by-peer' }),
      );
    }
    expectError(
      () => session.server.reserve(freshCredentials().secret, freshCredentials().token),
      'closed',
    );
  });
});
