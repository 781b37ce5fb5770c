import { NetstackError } from '../errors.js';
import type { DatagramVisitor, PeerAddress, Transport } from '../transport/transport.js';
import { DeliveryQueue } from './deliveryQueue.js';
import { LinkConditioner, type LinkConditions } from './linkConditioner.js';
import { SeededRandom } from './random.js';

/** Options of a `MemoryNetwork`. */
export interface MemoryNetworkOptions {
  /** Seed of every random decision, so a run replays exactly. @default 1 */
  seed?: number;
  /** How every link mistreats datagrams, unless `setConditions` says otherwise. @default a perfect link */
  conditions?: LinkConditions;
  /** Datagrams a transport holds before it drops arrivals. @default 65_536 */
  maxQueuedDatagrams?: number;
}

/** Called with every datagram sent on the network, before its fate is decided. */
export type NetworkTap = (bytes: Uint8Array, from: PeerAddress, to: PeerAddress) => void;

function key(at: PeerAddress): string {
  return `${at.address}|${at.port}`;
}

/**
 * A simulated network in memory: transports for servers and clients, joined by links
 * with seeded latency, jitter, loss, duplication and reordering. Time is whatever `now`
 * the endpoints pass to `update`, so a test steps a whole game session on a fake clock,
 * and the same seed gives the same run. Use it to try your game under a bad network.
 *
 * @example
 * ```ts
 * const network = new MemoryNetwork({ seed: 1, conditions: { latency: 40, loss: 0.2 } });
 * const server = new Server({ transport: network.bind({ address: 'server', port: 1 }) });
 * const client = new Client({ transport: network.bind({ address: 'player-1', port: 1 }) });
 * ```
 */
export class MemoryNetwork {
  /** Taps see every datagram sent (to capture packets for replay or inspection). */
  readonly taps: NetworkTap[] = [];
  private readonly random: SeededRandom;
  private readonly transports = new Map<string, MemoryTransport>();
  private readonly links = new Map<string, LinkConditioner>();
  private defaultLink: LinkConditioner;
  private readonly maxQueued: number;

  constructor(options: MemoryNetworkOptions = {}) {
    this.random = new SeededRandom(options.seed ?? 1);
    this.defaultLink = new LinkConditioner(options.conditions);
    this.maxQueued = options.maxQueuedDatagrams ?? 65_536;
  }

  /** A transport at `address`, which must be free on this network. */
  bind(address: PeerAddress): MemoryTransport {
    const at = key(address);
    if (this.transports.has(at)) {
      throw new NetstackError(
        'invalid-address',
        `${address.address}:${address.port} is already bound on this network.`,
      );
    }
    const transport = new MemoryTransport(
      this,
      { address: address.address, port: address.port },
      this.maxQueued,
    );
    this.transports.set(at, transport);
    return transport;
  }

  /**
   * Sets the conditions of the link from `from` to `to` (one direction), or of every
   * link without its own when both are omitted.
   */
  setConditions(conditions: LinkConditions, from?: PeerAddress, to?: PeerAddress): void {
    const conditioner = new LinkConditioner(conditions);
    if (from === undefined || to === undefined) this.defaultLink = conditioner;
    else this.links.set(`${key(from)}>${key(to)}`, conditioner);
  }

  /**
   * Delivers a copy of `bytes` to `to` at its next poll, as if `from` had sent them,
   * past every link condition and tap: for tests that forge, replay or reflect packets.
   */
  inject(bytes: Uint8Array, from: PeerAddress, to: PeerAddress): void {
    const receiver = this.transports.get(key(to));
    if (receiver === undefined || receiver.isClosed) return;
    receiver.enqueue(receiver.now, bytes.slice(), { address: from.address, port: from.port });
  }

  /** @internal Called by a transport's `send`. */
  route(copy: Uint8Array, from: PeerAddress, to: PeerAddress): void {
    for (const tap of this.taps) tap(copy, from, to);
    const receiver = this.transports.get(key(to));
    if (receiver === undefined || receiver.isClosed) return;
    const link = this.links.get(`${key(from)}>${key(to)}`) ?? this.defaultLink;
    const copies = link.copies(this.random);
    const sentAt = this.transports.get(key(from))?.now ?? receiver.now;
    for (let i = 0; i < copies; i++) {
      receiver.enqueue(sentAt + link.delay(this.random), i === 0 ? copy : copy.slice(), from);
    }
  }

  /** @internal */
  unbind(address: PeerAddress): void {
    this.transports.delete(key(address));
  }
}

/**
 * One endpoint's transport on a `MemoryNetwork`. Sent bytes are copied (one
 * allocation per datagram: this is a test tool, not the production path).
 */
export class MemoryTransport implements Transport {
  droppedDatagrams = 0;
  /** The latest `now` this transport was polled at: the send time of what it sends. */
  now = 0;
  isClosed = false;
  private readonly queue = new DeliveryQueue();

  constructor(
    private readonly network: MemoryNetwork,
    readonly address: PeerAddress,
    private readonly maxQueued: number,
  ) {}

  poll(now: number, visit: DatagramVisitor, max: number): number {
    this.now = now;
    let delivered = 0;
    while (delivered < max && !this.isClosed) {
      const next = this.queue.popDue(now);
      if (next === undefined) break;
      delivered++;
      visit(next.bytes, next.from);
    }
    return delivered;
  }

  send(bytes: Uint8Array, length: number, to: PeerAddress): void {
    if (this.isClosed) return;
    this.network.route(bytes.slice(0, length), this.address, to);
  }

  checkAddress(to: PeerAddress): void {
    if (typeof to?.address !== 'string' || !Number.isInteger(to.port)) {
      throw new NetstackError(
        'invalid-address',
        'An address is { address: string, port: integer }.',
      );
    }
  }

  /** Datagrams waiting for their delivery time. */
  get queued(): number {
    return this.queue.size;
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.network.unbind(this.address);
  }

  /** @internal */
  enqueue(at: number, bytes: Uint8Array, from: PeerAddress): void {
    if (this.queue.size >= this.maxQueued) {
      this.droppedDatagrams++;
      return;
    }
    this.queue.push(at, bytes, from);
  }
}
