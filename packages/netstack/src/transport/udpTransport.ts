import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import { NetstackError } from '../errors.js';
import { SendBufferPool } from './sendBufferPool.js';
import type { DatagramVisitor, PeerAddress, Transport } from './transport.js';

/** Options of `UdpTransport.bind`. */
export interface UdpTransportOptions {
  /**
   * The local IP address to bind: `0.0.0.0` or `::` for every interface, `127.0.0.1`
   * or `::1` for loopback only. IPv6 addresses make an IPv6 socket.
   * @default '0.0.0.0'
   */
  address?: string;
  /** The local port; 0 picks a free one (read it back from `localAddress`). @default 0 */
  port?: number;
  /** With an IPv6 `address`: refuse IPv4 peers (no dual stack). @default false */
  ipv6Only?: boolean;
  /** Datagrams held for the next poll; arrivals beyond are dropped and counted. @default 16_384 */
  maxQueuedDatagrams?: number;
  /** Datagrams handed to the socket and not yet sent; sends beyond are dropped and counted. @default 32_768 */
  maxPendingSends?: number;
  /** The socket's kernel receive buffer in bytes (SO_RCVBUF), when set. */
  receiveBufferBytes?: number;
  /** The socket's kernel send buffer in bytes (SO_SNDBUF), when set. */
  sendBufferBytes?: number;
}

/**
 * A `Transport` on a node:dgram UDP socket, IPv4 or IPv6. Arrivals wait in a bounded
 * queue until the endpoint's `update` polls them; sends are copied into pooled buffers,
 * so the caller's buffer is free again at once.
 *
 * @example
 * ```ts
 * const transport = await UdpTransport.bind({ address: '::', port: 40000 });
 * const server = new Server({ transport });
 * ```
 */
export class UdpTransport implements Transport {
  droppedDatagrams = 0;
  /** Sends dropped because `maxPendingSends` were in flight already. */
  droppedSends = 0;
  /** Sends the socket reported failed (e.g. no route). */
  failedSends = 0;
  private readonly queuedBytes: (Uint8Array | undefined)[];
  private readonly queuedFrom: (PeerAddress | undefined)[];
  private queueHead = 0;
  private queueLength = 0;
  private readonly pool: SendBufferPool;
  private readonly family: 4 | 6;
  private closed = false;
  private socketClosed = false;
  private readonly onSent = (error: Error | null): void => {
    this.pool.release();
    if (error !== null) this.failedSends++;
    if (this.closed && this.pool.pending === 0) this.closeSocket();
  };

  private constructor(
    private readonly socket: Socket,
    options: UdpTransportOptions,
    family: 4 | 6,
  ) {
    const capacity = options.maxQueuedDatagrams ?? 16_384;
    this.queuedBytes = new Array(capacity).fill(undefined);
    this.queuedFrom = new Array(capacity).fill(undefined);
    this.pool = new SendBufferPool(options.maxPendingSends ?? 32_768);
    this.family = family;
    socket.on('message', (bytes: Buffer, from: RemoteInfo) => this.enqueue(bytes, from));
    // A UDP socket reports ICMP errors of earlier sends here; they must not end the game.
    socket.on('error', () => {
      this.failedSends++;
    });
  }

  /** Opens a UDP socket bound to `options.address` and `options.port`. */
  static bind(options: UdpTransportOptions = {}): Promise<UdpTransport> {
    const address = options.address ?? '0.0.0.0';
    const family = isIP(address);
    if (family === 0) {
      return Promise.reject(
        new NetstackError(
          'invalid-address',
          `Bind to an IP address literal such as 0.0.0.0, 127.0.0.1, :: or ::1, not ${JSON.stringify(address)}.`,
        ),
      );
    }
    const socket = createSocket({
      type: family === 6 ? 'udp6' : 'udp4',
      ipv6Only: options.ipv6Only ?? false,
    });
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => {
        socket.close();
        reject(error);
      };
      socket.once('error', onError);
      socket.bind({ address, port: options.port ?? 0, exclusive: true }, () => {
        socket.off('error', onError);
        if (options.receiveBufferBytes !== undefined)
          socket.setRecvBufferSize(options.receiveBufferBytes);
        if (options.sendBufferBytes !== undefined)
          socket.setSendBufferSize(options.sendBufferBytes);
        resolve(new UdpTransport(socket, options, family === 6 ? 6 : 4));
      });
    });
  }

  /** The address and port the socket is bound to. */
  get localAddress(): PeerAddress {
    const { address, port } = this.socket.address();
    return { address, port };
  }

  /** Datagrams waiting for the next poll. */
  get queued(): number {
    return this.queueLength;
  }

  poll(_now: number, visit: DatagramVisitor, max: number): number {
    const capacity = this.queuedBytes.length;
    let delivered = 0;
    while (delivered < max && this.queueLength > 0) {
      const index = this.queueHead;
      const bytes = this.queuedBytes[index]!;
      const from = this.queuedFrom[index]!;
      this.queuedBytes[index] = undefined;
      this.queuedFrom[index] = undefined;
      this.queueHead = (index + 1) % capacity;
      this.queueLength--;
      delivered++;
      visit(bytes, from);
    }
    return delivered;
  }

  send(bytes: Uint8Array, length: number, to: PeerAddress): void {
    if (this.closed) return;
    const buffer = this.pool.take(bytes, length);
    if (buffer === undefined) {
      this.droppedSends++;
      return;
    }
    this.socket.send(buffer, 0, length, to.port, to.address, this.onSent);
  }

  checkAddress(to: PeerAddress): void {
    const family = typeof to?.address === 'string' ? isIP(to.address) : 0;
    if (family === 0) {
      throw new NetstackError(
        'invalid-address',
        `Connect to an IP address literal, not ${JSON.stringify(to?.address)}: resolve host ` +
          'names first (node:dns lookup), so replies can be matched to the address you chose.',
      );
    }
    if (family !== this.family) {
      throw new NetstackError(
        'invalid-address',
        `This transport's socket is IPv${this.family} and cannot reach the IPv${family} address ` +
          `${to.address}; bind the transport to ${family === 6 ? "'::'" : "'0.0.0.0'"} instead.`,
      );
    }
    if (!Number.isInteger(to.port) || to.port < 1 || to.port > 65_535) {
      throw new NetstackError(
        'invalid-address',
        `Port must be an integer from 1 to 65535, not ${to.port}.`,
      );
    }
  }

  /**
   * Stops receiving and sending. Datagrams already handed to `send` (a server's goodbyes
   * to its clients) still go out: the socket closes once they have.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pool.pending === 0) this.closeSocket();
    else setTimeout(() => this.closeSocket(), 1000).unref();
  }

  private closeSocket(): void {
    if (this.socketClosed) return;
    this.socketClosed = true;
    this.socket.close();
  }

  private enqueue(bytes: Buffer, from: RemoteInfo): void {
    if (this.closed) return;
    const capacity = this.queuedBytes.length;
    if (this.queueLength === capacity) {
      this.droppedDatagrams++;
      return;
    }
    const index = (this.queueHead + this.queueLength) % capacity;
    this.queuedBytes[index] = bytes;
    this.queuedFrom[index] = from;
    this.queueLength++;
  }
}
