import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Client } from '../endpoints/client.js';
import type { NetstackEvent } from '../endpoints/events.js';
import { Server } from '../endpoints/server.js';
import { NetstackError } from '../errors.js';
import { testSecurityMode } from '../test-support/securityMode.js';
import { UdpTransport } from './udpTransport.js';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs both endpoints' updates on the real clock until `done` or a deadline. */
async function runUntil(
  endpoints: { update(now: number): readonly NetstackEvent[] }[],
  onEvent: (event: NetstackEvent, endpoint: number) => void,
  done: () => boolean,
): Promise<void> {
  const deadline = performance.now() + 5000;
  while (!done()) {
    if (performance.now() > deadline) throw new Error('timed out waiting over real UDP');
    await sleep(2);
    endpoints.forEach((endpoint, i) => {
      for (const event of endpoint.update(performance.now())) onEvent(event, i);
    });
  }
}

describe.each([
  ['IPv4', '127.0.0.1'],
  ['IPv6', '::1'],
])('a session over real UDP on loopback (%s)', (_family, loopback) => {
  it('connects, exchanges acknowledged messages both ways, and disconnects gracefully', async () => {
    const serverTransport = await UdpTransport.bind({ address: loopback });
    const clientTransport = await UdpTransport.bind({ address: loopback });
    const server = new Server({ transport: serverTransport, securityMode: testSecurityMode });
    const client = new Client({ transport: clientTransport, securityMode: testSecurityMode });
    closers.push(
      () => server.close(),
      () => client.close(),
    );
    const secret = new Uint8Array(randomBytes(32));
    const token = new Uint8Array(randomBytes(32));
    const reserved = server.reserve(secret, token);
    if (!reserved.ok) throw reserved.error;
    client.connect(serverTransport.localAddress, secret, token);

    const atServer: string[] = [];
    const atClient: string[] = [];
    const acked = [new Set<number>(), new Set<number>()];
    const sent = [new Set<number>(), new Set<number>()];
    await runUntil(
      [server, client],
      (event, i) => {
        if (event.type === 'message') {
          const text = Buffer.from(event.payload).toString();
          (i === 0 ? atServer : atClient).push(text);
          if (i === 0) sent[0]!.add(server.send(event.connection, Buffer.from(`echo ${text}`)));
        }
        if (event.type === 'connected' && i === 1) {
          for (let n = 0; n < 20; n++) sent[1]!.add(client.send(Buffer.from(`hello ${n}`)));
        }
        if (event.type === 'messageAcknowledged') acked[i]!.add(event.sequence);
      },
      () => acked[0]!.size === 20 && acked[1]!.size === 20,
    );
    expect(atServer).toEqual(Array.from({ length: 20 }, (_, n) => `hello ${n}`));
    expect(atClient).toEqual(atServer.map((text) => `echo ${text}`));
    expect(acked[0]).toEqual(sent[0]);
    expect(acked[1]).toEqual(sent[1]);
    expect(server.peerAddress(reserved.handle)).toEqual(clientTransport.localAddress);

    let serverSawGoodbye = false;
    client.disconnect();
    await runUntil(
      [server, client],
      (event, i) => {
        if (i === 0 && event.type === 'disconnected') {
          expect(event.reason).toBe('closed-by-peer');
          serverSawGoodbye = true;
        }
      },
      () => serverSawGoodbye,
    );
    expect(server.connectedCount).toBe(0);
  });
});

describe('UdpTransport', () => {
  it('refuses host names and addresses of the other IP family, saying what to do', async () => {
    const transport = await UdpTransport.bind({ address: '127.0.0.1' });
    closers.push(() => transport.close());
    expect(() => transport.checkAddress({ address: 'localhost', port: 1 })).toThrow(
      /IP address literal.*node:dns/,
    );
    expect(() => transport.checkAddress({ address: '::1', port: 1 })).toThrow(
      /IPv4 and cannot reach the IPv6/,
    );
    expect(() => transport.checkAddress({ address: '127.0.0.1', port: 0 })).toThrow(NetstackError);
    await expect(UdpTransport.bind({ address: 'localhost' })).rejects.toThrow(/IP address literal/);
  });

  it('holds arrivals until polled, at most `max` per poll, and drops past its queue', async () => {
    const receiver = await UdpTransport.bind({ address: '127.0.0.1', maxQueuedDatagrams: 8 });
    const sender = await UdpTransport.bind({ address: '127.0.0.1' });
    closers.push(
      () => receiver.close(),
      () => sender.close(),
    );
    const payload = new Uint8Array([1, 2, 3, 4]);
    for (let i = 0; i < 12; i++) {
      payload[0] = i;
      sender.send(payload, 3, receiver.localAddress);
    }
    const deadline = performance.now() + 2000;
    while (receiver.queued + receiver.droppedDatagrams < 12 && performance.now() < deadline)
      await sleep(5);
    expect(receiver.queued).toBe(8);
    expect(receiver.droppedDatagrams).toBe(4);
    const seen: number[][] = [];
    expect(receiver.poll(0, (bytes) => seen.push([...bytes]), 5)).toBe(5);
    expect(receiver.poll(0, (bytes) => seen.push([...bytes]), 5)).toBe(3);
    // The sender's buffer was reused at once, yet each datagram kept its own bytes.
    expect(seen).toEqual(Array.from({ length: 8 }, (_, i) => [i, 2, 3]));
  });
});
