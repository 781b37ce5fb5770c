/**
 * Where a datagram came from or goes to. Node's `dgram` `RemoteInfo` has this shape,
 * so a UDP transport hands it over as it is.
 */
export interface PeerAddress {
  /** An IP address literal (`127.0.0.1`, `::1`), or a name on a `MemoryNetwork`. */
  readonly address: string;
  readonly port: number;
}

/** Called for each received datagram. `bytes` belongs to the receiver from then on. */
export type DatagramVisitor = (bytes: Uint8Array, from: PeerAddress) => void;

/**
 * Moves datagrams, nothing else: no protocol, no clock of its own. A transport queues
 * what arrives until the endpoint polls it from its `update(now)`, so all protocol
 * work happens inside the game loop and a flood is absorbed by a bounded queue.
 *
 * Implementations: `UdpTransport` (node:dgram), and `MemoryNetwork` transports from
 * `@netstack/core/testing` with a seeded link conditioner.
 */
export interface Transport {
  /**
   * Hands datagrams that have arrived by `now` to `visit`, oldest first, at most `max`
   * of them; returns how many. The rest wait for the next poll.
   */
  poll(now: number, visit: DatagramVisitor, max: number): number;
  /**
   * Sends `bytes[0, length)` to `to`. The transport is done with `bytes` when this
   * returns, so the caller may reuse the buffer at once.
   */
  send(bytes: Uint8Array, length: number, to: PeerAddress): void;
  /** Throws `invalid-address` (a `NetstackError`) if this transport cannot reach `to`. */
  checkAddress(to: PeerAddress): void;
  /** Datagrams dropped on arrival because the queue was full. */
  readonly droppedDatagrams: number;
  /** Stops receiving and releases the socket. Further sends are ignored. */
  close(): void;
}
