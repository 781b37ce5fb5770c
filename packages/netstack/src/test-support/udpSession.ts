import { createSocket, type Socket } from 'node:dgram';
import { expect } from 'vitest';
import { Client } from '../endpoints/client.js';
import type { ConnectionHandle } from '../endpoints/connectionHandle.js';
import type { ClientOptions, ServerOptions } from '../endpoints/options.js';
import { Server } from '../endpoints/server.js';
import type { DatagramVisitor, PeerAddress, Transport } from '../transport/transport.js';
import { UdpTransport } from '../transport/udpTransport.js';
import type { AttackOutcome } from './noEffect.js';
import { dropsSince, observe } from './observableState.js';
import { testSecurityMode } from './securityMode.js';
import { freshCredentials, type RecordedEvent, record } from './session.js';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A datagram an endpoint sent (or would have sent), copied. */
export interface Sent {
  readonly bytes: Uint8Array;
  readonly to: PeerAddress;
}

/**
 * A `UdpTransport` that records what its endpoint sends, and can swallow it instead of
 * sending (a lost packet the test keeps for later). `socket` sends raw bytes from this
 * endpoint's own address and port: an attacker spoofing it, as far as the peer can tell.
 */
export class RecordingTransport implements Transport {
  readonly sent: Sent[] = [];
  /** While true, datagrams are recorded but not sent. */
  swallow = false;

  constructor(readonly socket: UdpTransport) {}

  get droppedDatagrams(): number {
    return this.socket.droppedDatagrams;
  }
  poll(now: number, visit: DatagramVisitor, max: number): number {
    return this.socket.poll(now, visit, max);
  }
  send(bytes: Uint8Array, length: number, to: PeerAddress): void {
    this.sent.push({ bytes: bytes.slice(0, length), to: { address: to.address, port: to.port } });
    if (!this.swallow) this.socket.send(bytes, length, to);
  }
  checkAddress(to: PeerAddress): void {
    this.socket.checkAddress(to);
  }
  close(): void {
    this.socket.close();
  }
}

/** A raw node:dgram socket for sending anything, recording whatever comes back. */
export class Attacker {
  readonly received: { bytes: Uint8Array; from: PeerAddress }[] = [];

  private constructor(private readonly socket: Socket) {
    socket.on('message', (bytes, from) => this.received.push({ bytes, from }));
  }

  static open(address = '127.0.0.1'): Promise<Attacker> {
    const socket = createSocket('udp4');
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind({ address, port: 0 }, () => resolve(new Attacker(socket)));
    });
  }

  get address(): PeerAddress {
    const { address, port } = this.socket.address();
    return { address, port };
  }

  send(bytes: Uint8Array, to: PeerAddress): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.send(bytes, to.port, to.address, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(): void {
    this.socket.close();
  }
}

const RECEIVE_BUFFER = 4 * 1024 * 1024;

/**
 * A server and a client on real UDP sockets on IPv4 loopback, on a clock the test
 * drives (the sockets run on their own; `now` only moves when the test says so). Their
 * transports record what each sends.
 */
export class UdpSession {
  readonly serverEvents: RecordedEvent[] = [];
  readonly clientEvents: RecordedEvent[] = [];
  readonly attackers: Attacker[] = [];
  now = 0;

  private constructor(
    readonly server: Server,
    readonly client: Client,
    readonly serverTransport: RecordingTransport,
    readonly clientTransport: RecordingTransport,
  ) {}

  static async open(
    options: {
      server?: Partial<ServerOptions>;
      client?: Partial<ClientOptions>;
      clientAddress?: string;
      serverQueue?: number;
    } = {},
  ): Promise<UdpSession> {
    const serverTransport = new RecordingTransport(
      await UdpTransport.bind({
        address: '127.0.0.1',
        receiveBufferBytes: RECEIVE_BUFFER,
        ...(options.serverQueue === undefined ? {} : { maxQueuedDatagrams: options.serverQueue }),
      }),
    );
    const clientTransport = new RecordingTransport(
      await UdpTransport.bind({
        address: options.clientAddress ?? '127.0.0.1',
        receiveBufferBytes: RECEIVE_BUFFER,
      }),
    );
    const server = new Server({
      securityMode: testSecurityMode,
      ...options.server,
      transport: serverTransport,
    });
    const client = new Client({
      securityMode: testSecurityMode,
      ...options.client,
      transport: clientTransport,
    });
    return new UdpSession(server, client, serverTransport, clientTransport);
  }

  get serverAddress(): PeerAddress {
    return this.serverTransport.socket.localAddress;
  }

  get clientAddress(): PeerAddress {
    return this.clientTransport.socket.localAddress;
  }

  async attacker(address = '127.0.0.1'): Promise<Attacker> {
    const attacker = await Attacker.open(address);
    this.attackers.push(attacker);
    return attacker;
  }

  /** Reserves a slot, connects the client, and waits until both ends say connected. */
  async connect(): Promise<ConnectionHandle> {
    const { secret, token } = freshCredentials();
    const reserved = this.server.reserve(secret, token);
    if (!reserved.ok) throw reserved.error;
    this.client.connect(this.serverAddress, secret, token);
    await this.pumpUntil(
      () => this.client.state === 'connected' && this.server.isConnected(reserved.handle),
    );
    return reserved.handle;
  }

  updateAll(): void {
    record(this.server.update(this.now), this.now, this.serverEvents);
    record(this.client.update(this.now), this.now, this.clientEvents);
  }

  /** Moves the clock by `milliseconds` in 10 ms ticks, letting the sockets work between. */
  async pump(milliseconds: number): Promise<void> {
    const end = this.now + milliseconds;
    while (this.now < end) {
      await sleep(1);
      this.now = Math.min(end, this.now + 10);
      this.updateAll();
    }
  }

  async pumpUntil(done: () => boolean, limit = 5000): Promise<void> {
    for (let waited = 0; !done(); waited += 10) {
      if (waited > limit) throw new Error('timed out waiting over UDP');
      await this.pump(10);
    }
  }

  /**
   * With the clock stopped, updates both ends until nothing is in flight: no datagram
   * queued, none sent or received for two rounds in a row.
   */
  async settle(): Promise<void> {
    let quiet = 0;
    let last = '';
    for (let round = 0; quiet < 2; round++) {
      if (round > 200) throw new Error('UDP session did not settle');
      await sleep(10);
      this.updateAll();
      const { server, client } = this;
      const now = [
        server.metrics.packetsSent,
        server.metrics.packetsReceived,
        client.metrics.packetsSent,
        client.metrics.packetsReceived,
        this.serverTransport.socket.queued,
        this.clientTransport.socket.queued,
      ].join();
      quiet = now === last ? quiet + 1 : 0;
      last = now;
    }
  }

  /** Waits until the server and the client have `server` and `client` datagrams queued. */
  async arrived(server: number, client = 0, limit = 5000): Promise<void> {
    const deadline = performance.now() + limit;
    while (
      this.serverTransport.socket.queued < server ||
      this.clientTransport.socket.queued < client
    ) {
      if (performance.now() > deadline) {
        throw new Error(
          `expected ${server} and ${client} datagrams queued, have ` +
            `${this.serverTransport.socket.queued} and ${this.clientTransport.socket.queued}`,
        );
      }
      await sleep(2);
    }
  }

  close(): void {
    for (const attacker of this.attackers) attacker.close();
    this.server.close();
    this.client.close();
  }
}

/**
 * The UDP twin of `expectNoEffect`: settles the session with the clock stopped, lets
 * `attack` send its datagrams, waits until they all arrived (the counts it returns),
 * updates both ends once at the same `now`, then asserts nothing observable changed,
 * no event was emitted, neither end sent anything and no attacker socket heard a reply.
 */
export async function expectNoEffectOverUdp(
  session: UdpSession,
  attack: () => Promise<{ toServer: number; toClient?: number }>,
): Promise<AttackOutcome> {
  await session.settle();
  const before = observe(session.server, session.client);
  const events = [session.serverEvents.length, session.clientEvents.length];
  const serverDrops = { ...session.server.metrics.drops };
  const clientDrops = { ...session.client.metrics.drops };
  const received = [session.server.metrics.packetsReceived, session.client.metrics.packetsReceived];

  const sent = await attack();
  await session.arrived(sent.toServer, sent.toClient ?? 0);
  session.updateAll();
  await sleep(20);
  session.updateAll();

  expect(observe(session.server, session.client)).toEqual(before);
  expect([session.serverEvents.length, session.clientEvents.length]).toEqual(events);
  expect([
    session.server.metrics.packetsReceived - received[0]!,
    session.client.metrics.packetsReceived - received[1]!,
  ]).toEqual([sent.toServer, sent.toClient ?? 0]);
  expect(session.attackers.flatMap((a) => a.received)).toEqual([]);
  return {
    server: dropsSince(session.server.metrics, serverDrops),
    clients: [dropsSince(session.client.metrics, clientDrops)],
  };
}
