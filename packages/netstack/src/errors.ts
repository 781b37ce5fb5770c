/**
 * Every error netstack throws or returns, with its `code`:
 *
 * | code                | when                                                              |
 * | ------------------- | ----------------------------------------------------------------- |
 * | `server-full`       | `reserve` found no free slot (`maxConnections` reached)           |
 * | `token-in-use`      | `reserve` got a token that is already reserved or connected       |
 * | `invalid-key`       | a secret or token is not a 32-byte `Uint8Array`                   |
 * | `invalid-options`   | an option is out of range (the message names it and its range)    |
 * | `invalid-address`   | an address the transport cannot send to                           |
 * | `payload-too-large` | `send` got more bytes than `maxPacketBytes` leaves for a payload  |
 * | `not-connected`     | `send` or `disconnect` on a connection that is not connected      |
 * | `stale-handle`      | a handle whose connection has ended (its slot may be reused)      |
 * | `sequence-exhausted`| a connection sent 2^53 - 1 packets; its numbers cannot grow       |
 * | `already-connecting`| `connect` while the client is connecting or connected             |
 * | `closed`            | a call on an endpoint or transport after `close()`                |
 */
export type NetstackErrorCode =
  | 'server-full'
  | 'token-in-use'
  | 'invalid-key'
  | 'invalid-options'
  | 'invalid-address'
  | 'payload-too-large'
  | 'not-connected'
  | 'stale-handle'
  | 'sequence-exhausted'
  | 'already-connecting'
  | 'closed';

/**
 * The one error class of netstack. Programmer mistakes (an oversized payload, a send on
 * a closed connection) throw it at once; expected refusals (a full server) return it.
 * Bytes from the network never throw: they are dropped and counted.
 *
 * @example
 * ```ts
 * try {
 *   server.send(handle, bytes);
 * } catch (error) {
 *   if (error instanceof NetstackError && error.code === 'not-connected') forget(handle);
 *   else throw error;
 * }
 * ```
 */
export class NetstackError extends Error {
  override readonly name = 'NetstackError';
  readonly code: NetstackErrorCode;

  constructor(code: NetstackErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
