import { Client } from '../endpoints/client.js';
import type { ConnectionHandle } from '../endpoints/connectionHandle.js';
import type { ClientOptions, ServerOptions } from '../endpoints/options.js';
import { Server } from '../endpoints/server.js';
import { MemoryNetwork, type MemoryTransport } from '../testing/memoryNetwork.js';
import type { DatagramVisitor, PeerAddress, Transport } from '../transport/transport.js';
import { testSecurityMode } from './securityMode.js';
import { freshCredentials, type RecordedEvent, record, SERVER_ADDRESS } from './session.js';

export const CLIENT_ADDRESS: PeerAddress = { address: 'client', port: 5000 };

/**
 * A transport that moves datagrams on the network's time, whatever `now` its endpoint
 * believes: so one endpoint's clock can jump while the network (and the peer) go on.
 */
class NetworkTimeTransport implements Transport {
  constructor(
    private readonly inner: MemoryTransport,
    private readonly networkNow: () => number,
  ) {}
  get droppedDatagrams(): number {
    return this.inner.droppedDatagrams;
  }
  poll(_now: number, visit: DatagramVisitor, max: number): number {
    return this.inner.poll(this.networkNow(), visit, max);
  }
  send(bytes: Uint8Array, length: number, to: PeerAddress): void {
    this.inner.send(bytes, length, to);
  }
  checkAddress(to: PeerAddress): void {
    this.inner.checkAddress(to);
  }
  close(): void {
    this.inner.close();
  }
}

/**
 * A server and a client on a simulated network, each reading its own clock: the
 * network's time minus a skew the test sets (a positive skew is a clock set back).
 * Records events, every RTT sample the monitors see, and when each side sent.
 */
export class TwoClocks {
  readonly network: MemoryNetwork;
  readonly server: Server;
  readonly client: Client;
  readonly serverEvents: RecordedEvent[] = [];
  readonly clientEvents: RecordedEvent[] = [];
  readonly rttSamples: number[] = [];
  /** Network times at which the server / the client sent a datagram. */
  readonly serverSends: number[] = [];
  readonly clientSends: number[] = [];
  networkNow = 0;
  serverSkew = 0;
  clientSkew = 0;

  constructor(options: { server?: Partial<ServerOptions>; client?: Partial<ClientOptions> } = {}) {
    this.network = new MemoryNetwork({ seed: 7 });
    const now = () => this.networkNow;
    const monitor = { rttSampled: (ms: number) => this.rttSamples.push(ms) };
    this.server = new Server({
      securityMode: testSecurityMode,
      monitor,
      ...options.server,
      transport: new NetworkTimeTransport(this.network.bind(SERVER_ADDRESS), now),
    });
    this.client = new Client({
      securityMode: testSecurityMode,
      monitor,
      ...options.client,
      transport: new NetworkTimeTransport(this.network.bind(CLIENT_ADDRESS), now),
    });
    this.network.taps.push((_bytes, from) => {
      (from.address === SERVER_ADDRESS.address ? this.serverSends : this.clientSends).push(
        this.networkNow,
      );
    });
  }

  get serverNow(): number {
    return this.networkNow - this.serverSkew;
  }

  get clientNow(): number {
    return this.networkNow - this.clientSkew;
  }

  /** Reserves a slot and connects the client; returns the server's handle. */
  connect(): ConnectionHandle {
    const { secret, token } = freshCredentials();
    const reserved = this.server.reserve(secret, token);
    if (!reserved.ok) throw reserved.error;
    this.client.connect(SERVER_ADDRESS, secret, token);
    return reserved.handle;
  }

  /** Advances the network's time by `milliseconds` in ticks, updating both sides. */
  step(milliseconds: number, tick = 10, eachTick?: () => void): void {
    const end = this.networkNow + milliseconds;
    while (this.networkNow < end) {
      this.networkNow = Math.min(end, this.networkNow + tick);
      record(this.server.update(this.serverNow), this.networkNow, this.serverEvents);
      record(this.client.update(this.clientNow), this.networkNow, this.clientEvents);
      eachTick?.();
    }
  }
}
