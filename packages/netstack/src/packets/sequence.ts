/**
 * Sequence arithmetic, in one place.
 *
 * Sequence numbers are 64-bit in meaning and never wrap: each direction of a connection
 * counts its packets from 1 upwards (0 means "none"). JavaScript holds them exactly as
 * numbers up to 2^53 - 1, which a connection sending 1,000 packets a second reaches
 * after 285,000 years; a connection refuses to send past it.
 *
 * The wire carries short forms, and the receiver expands them before the tag is
 * checked; the tag covers the full values, so a wrong expansion fails verification
 * and can never be mistaken for a real packet or a real acknowledgement.
 *
 * - The packet's own sequence travels as its low 13 bits and is expanded to the value
 *   nearest the receiver's next expected sequence (RFC 9000, appendix A.3).
 * - The acknowledged sequence travels as its low 16 bits and is expanded to the largest
 *   value not above the last sequence the receiver itself sent.
 */

export const SEQUENCE_BITS = 13;
export const SEQUENCE_MODULUS = 2 ** SEQUENCE_BITS;
export const ACK_BITS = 16;
export const ACK_MODULUS = 2 ** ACK_BITS;
/** The last sequence number a connection may use. */
export const MAX_SEQUENCE = Number.MAX_SAFE_INTEGER;

/** The low 13 bits of `sequence`, as written on the wire. */
export function truncateSequence(sequence: number): number {
  return sequence % SEQUENCE_MODULUS;
}

/**
 * The full sequence whose low 13 bits are `truncated` and which lies nearest to
 * `latestReceived + 1`.
 */
export function expandSequence(truncated: number, latestReceived: number): number {
  const expected = latestReceived + 1;
  const half = SEQUENCE_MODULUS / 2;
  const candidate = expected - (expected % SEQUENCE_MODULUS) + truncated;
  if (candidate + half <= expected && candidate + SEQUENCE_MODULUS <= MAX_SEQUENCE) {
    return candidate + SEQUENCE_MODULUS;
  }
  if (candidate > expected + half && candidate >= SEQUENCE_MODULUS) {
    return candidate - SEQUENCE_MODULUS;
  }
  return candidate;
}

/** The low 16 bits of an acknowledged `sequence`, as written on the wire. */
export function truncateAck(sequence: number): number {
  return sequence % ACK_MODULUS;
}

/**
 * The largest value not above `latestSent` whose low 16 bits are `truncated`, or -1 when
 * there is none (the peer would be acknowledging a packet that was never sent).
 */
export function expandAck(truncated: number, latestSent: number): number {
  const below = (latestSent - truncated) % ACK_MODULUS;
  const candidate = latestSent - (below < 0 ? below + ACK_MODULUS : below);
  return candidate < 0 ? -1 : candidate;
}
