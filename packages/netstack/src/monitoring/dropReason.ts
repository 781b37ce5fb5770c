/**
 * Why a received datagram was dropped. Every drop is counted under its reason in
 * `metrics.drops`; none changes any connection's state or earns a reply.
 */
export const DropReason = {
  /** Too short, too long, or the wrong size for its kind. */
  Malformed: 'malformed',
  /** A kind no packet may have (6, 7), or one that cannot arrive here (a request at a client). */
  UnexpectedKind: 'unexpected-kind',
  /** From an address with no connection, and not a connection request. */
  UnknownAddress: 'unknown-address',
  /** A connection request for a token that is not reserved (never, expired, or ended). */
  UnknownToken: 'unknown-token',
  /** A connection request for a token already in use by a connection. */
  TokenInUse: 'token-in-use',
  /** Already received, or older than the replay window. */
  Replay: 'replay',
  /** The tag does not verify: forged, corrupted, reflected, or under another key. */
  BadTag: 'bad-tag',
  /** A valid request the server denied (protocol version or security mode mismatch). */
  Denied: 'denied',
  /** An address sent connection requests faster than its token bucket allows. */
  RateLimited: 'rate-limited',
  /** The transport's inbound queue was full. */
  QueueFull: 'queue-full',
} as const;

export type DropReason = (typeof DropReason)[keyof typeof DropReason];

export const DROP_REASONS: readonly DropReason[] = Object.values(DropReason);
