import { randomBytes } from 'node:crypto';
import { Client } from '../endpoints/client.js';
import type { ConnectionHandle } from '../endpoints/connectionHandle.js';
import type { NetstackEvent } from '../endpoints/events.js';
import type { ClientOptions, ServerOptions } from '../endpoints/options.js';
import { Server } from '../endpoints/server.js';
import type { LinkConditions } from '../testing/linkConditioner.js';
import { MemoryNetwork } from '../testing/memoryNetwork.js';
import type { PeerAddress } from '../transport/transport.js';
import { testSecurityMode } from './securityMode.js';

export const SERVER_ADDRESS: PeerAddress = { address: 'server', port: 40000 };

/** A copy of an event that outlives the next update (events are pooled). */
export type RecordedEvent =
  | { type: 'connected'; connection: ConnectionHandle; at: number }
  | { type: 'disconnected'; connection: ConnectionHandle; reason: string; at: number }
  | {
      type: 'message';
      connection: ConnectionHandle;
      sequence: number;
      payload: Uint8Array;
      at: number;
    }
  | { type: 'messageAcknowledged'; connection: ConnectionHandle; sequence: number; at: number };

export function record(events: readonly NetstackEvent[], now: number, into: RecordedEvent[]): void {
  for (const event of events) {
    switch (event.type) {
      case 'connected':
        into.push({ type: 'connected', connection: event.connection, at: now });
        break;
      case 'disconnected':
        into.push({
          type: 'disconnected',
          connection: event.connection,
          reason: event.reason,
          at: now,
        });
        break;
      case 'message':
        into.push({
          type: 'message',
          connection: event.connection,
          sequence: event.sequence,
          payload: event.payload.slice(),
          at: now,
        });
        break;
      case 'messageAcknowledged':
        into.push({
          type: 'messageAcknowledged',
          connection: event.connection,
          sequence: event.sequence,
          at: now,
        });
        break;
    }
  }
}

export interface Credentials {
  secret: Uint8Array;
  token: Uint8Array;
}

export function freshCredentials(): Credentials {
  return { secret: new Uint8Array(randomBytes(32)), token: new Uint8Array(randomBytes(32)) };
}

/**
 * A server and clients on a simulated network with a fake clock: `step` advances time
 * and updates everyone, recording their events.
 */
export class Session {
  readonly network: MemoryNetwork;
  readonly server: Server;
  readonly serverEvents: RecordedEvent[] = [];
  readonly clients: Client[] = [];
  readonly clientEvents: RecordedEvent[][] = [];
  now = 0;

  constructor(
    options: {
      seed?: number;
      conditions?: LinkConditions;
      server?: Partial<ServerOptions>;
    } = {},
  ) {
    this.network = new MemoryNetwork({
      seed: options.seed ?? 1,
      ...(options.conditions ? { conditions: options.conditions } : {}),
    });
    this.server = new Server({
      securityMode: testSecurityMode,
      ...options.server,
      transport: this.network.bind(SERVER_ADDRESS),
    });
  }

  addClient(options: Partial<ClientOptions> = {}): Client {
    const index = this.clients.length;
    const client = new Client({
      securityMode: testSecurityMode,
      ...options,
      transport: this.network.bind({ address: `client-${index}`, port: 5000 + index }),
    });
    this.clients.push(client);
    this.clientEvents.push([]);
    return client;
  }

  /** Reserves a slot and starts the client connecting with those credentials. */
  connect(client: Client, credentials = freshCredentials()): ConnectionHandle {
    const reserved = this.server.reserve(credentials.secret, credentials.token);
    if (!reserved.ok) throw reserved.error;
    client.connect(SERVER_ADDRESS, credentials.secret, credentials.token);
    return reserved.handle;
  }

  /** Advances the clock by `milliseconds` in ticks of `tick`, updating server and clients. */
  step(milliseconds: number, tick = 10): void {
    const end = this.now + milliseconds;
    while (this.now < end) {
      this.now = Math.min(end, this.now + tick);
      this.updateAll();
    }
  }

  updateAll(): void {
    record(this.server.update(this.now), this.now, this.serverEvents);
    this.clients.forEach((client, i) => {
      record(client.update(this.now), this.now, this.clientEvents[i]!);
    });
  }

  /** A client connected to the server, and its handle on the server. */
  connected(options: Partial<ClientOptions> = {}): {
    client: Client;
    handle: ConnectionHandle;
    index: number;
  } {
    const client = this.addClient(options);
    const handle = this.connect(client);
    for (let waited = 0; waited < 5000 && client.state !== 'connected'; waited += 10) this.step(10);
    if (client.state !== 'connected') throw new Error(`client did not connect: ${client.state}`);
    return { client, handle, index: this.clients.length - 1 };
  }
}
