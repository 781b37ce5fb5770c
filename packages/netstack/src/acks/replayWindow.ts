import { MAX_SEQUENCE } from '../packets/sequence.js';

/** How many sequence numbers behind the newest one a packet may still arrive. */
export const REPLAY_WINDOW_SIZE = 256;

/**
 * Which of the peer's packets arrived: replay protection and the source of the ack
 * and ack bits this side sends.
 *
 * A sequence is fresh when it is newer than `latest - 256`, was not received before,
 * and is one a sender may use: 1 to MAX_SEQUENCE (past 2^53 − 1 numbers are no longer
 * exact; WireGuard likewise refuses counters past REJECT_AFTER_MESSAGES). Each of the
 * 256 cells remembers the newest sequence received with its residue modulo 256, so a
 * duplicate finds itself in its cell (the scheme of the netcode.io standard). Only
 * `accept` changes anything, and the caller calls it only after the packet's tag verified.
 */
export class ReplayWindow {
  /** The newest sequence accepted; 0 when none was. */
  latest = 0;
  private readonly received = new Float64Array(REPLAY_WINDOW_SIZE);

  /** Whether `sequence` may be accepted: in range, not too old, not seen. Changes nothing. */
  isFresh(sequence: number): boolean {
    if (sequence <= 0 || sequence > MAX_SEQUENCE) return false;
    if (sequence + REPLAY_WINDOW_SIZE <= this.latest) return false;
    return this.received[sequence % REPLAY_WINDOW_SIZE] !== sequence;
  }

  /** Records `sequence` as received. Call only for a fresh sequence of a verified packet. */
  accept(sequence: number): void {
    this.received[sequence % REPLAY_WINDOW_SIZE] = sequence;
    if (sequence > this.latest) this.latest = sequence;
  }

  /**
   * Bit i set: sequence `latest - 1 - i` was received. A signed 32-bit integer (bit 31
   * makes it negative), so it stays a small integer and costs no allocation.
   */
  ackBits(): number {
    let bits = 0;
    for (let i = 0; i < 32; i++) {
      const sequence = this.latest - 1 - i;
      if (sequence <= 0) break;
      if (this.received[sequence % REPLAY_WINDOW_SIZE] === sequence) bits |= 1 << i;
    }
    return bits;
  }

  reset(): void {
    this.latest = 0;
    this.received.fill(0);
  }
}
