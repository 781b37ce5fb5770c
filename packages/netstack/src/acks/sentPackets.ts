import type { LinkStats } from './linkStats.js';

/** How many sent packets are remembered for acknowledgement. */
export const SENT_PACKETS_SIZE = 512;
/** Acks reach back 32 packets behind the newest acknowledged one. */
const ACK_REACH = 33;
const IS_PAYLOAD = 1;
const IS_ACKED = 2;

/** Told of each payload packet the peer acknowledged, once. */
export type AcknowledgedListener = (sequence: number) => void;

/** Where `applyAck` reports what it learned. */
export interface AckReport {
  readonly stats: LinkStats;
  readonly onAcknowledged: AcknowledgedListener;
  /** Each round-trip sample in milliseconds, after `stats` took it. */
  readonly onRttSample: ((milliseconds: number) => void) | undefined;
}

/**
 * The packets this side sent, for turning the peer's acks into "acknowledged" events,
 * round-trip samples and loss verdicts.
 *
 * A packet is reported acknowledged at most once: its cell is marked when first
 * acknowledged, and a cell is found only by its exact sequence number, so an ack for a
 * packet that left the ring (older than 512 sends) or was never sent finds nothing.
 */
export class SentPackets {
  /** The newest sequence recorded. */
  latestSent = 0;
  private readonly sequences = new Float64Array(SENT_PACKETS_SIZE);
  private readonly sendTimes = new Float64Array(SENT_PACKETS_SIZE);
  private readonly flags = new Uint8Array(SENT_PACKETS_SIZE);
  private newestAck = 0;
  private judgedUpTo = 0;

  record(sequence: number, now: number, isPayload: boolean): void {
    const cell = sequence % SENT_PACKETS_SIZE;
    this.sequences[cell] = sequence;
    this.sendTimes[cell] = now;
    this.flags[cell] = isPayload ? IS_PAYLOAD : 0;
    this.latestSent = sequence;
  }

  /**
   * Applies one verified packet's `ack` and `ackBits`: reports newly acknowledged
   * payloads oldest first, samples the round trip from `ack`, judges packets that can no
   * longer be acknowledged. Returns how many packets were newly acknowledged.
   */
  applyAck(ack: number, ackBits: number, now: number, report: AckReport): number {
    if (ack <= 0) return 0;
    let newlyAcked = 0;
    for (let i = 31; i >= 0; i--) {
      if ((ackBits & (1 << i)) !== 0 && this.markAcked(ack - 1 - i, report.onAcknowledged)) {
        newlyAcked++;
      }
    }
    if (this.markAcked(ack, report.onAcknowledged)) {
      newlyAcked++;
      const rtt = Math.max(0, now - this.sendTimes[ack % SENT_PACKETS_SIZE]!);
      report.stats.addRttSample(rtt);
      report.onRttSample?.(rtt);
    }
    if (ack > this.newestAck) {
      this.newestAck = ack;
      this.judgeLosses(report.stats);
    }
    return newlyAcked;
  }

  /** Moves every recorded send time by `delta` milliseconds (see `Connection.shiftTimes`). */
  shiftTimes(delta: number): void {
    const sendTimes = this.sendTimes;
    for (let i = 0; i < SENT_PACKETS_SIZE; i++) sendTimes[i]! += delta;
  }

  reset(): void {
    this.latestSent = 0;
    this.newestAck = 0;
    this.judgedUpTo = 0;
    this.sequences.fill(0);
    this.flags.fill(0);
  }

  private markAcked(sequence: number, onAcknowledged: AcknowledgedListener): boolean {
    if (sequence <= 0) return false;
    const cell = sequence % SENT_PACKETS_SIZE;
    const flags = this.flags[cell]!;
    if (this.sequences[cell] !== sequence || (flags & IS_ACKED) !== 0) return false;
    this.flags[cell] = flags | IS_ACKED;
    if ((flags & IS_PAYLOAD) !== 0) onAcknowledged(sequence);
    return true;
  }

  /** Every packet older than the newest ack's reach is now delivered or lost for good. */
  private judgeLosses(stats: LinkStats): void {
    const last = this.newestAck - ACK_REACH;
    let sequence = Math.max(this.judgedUpTo + 1, last - SENT_PACKETS_SIZE + 1, 1);
    for (; sequence <= last; sequence++) {
      const cell = sequence % SENT_PACKETS_SIZE;
      if (this.sequences[cell] === sequence)
        stats.addDelivery((this.flags[cell]! & IS_ACKED) === 0);
    }
    if (last > this.judgedUpTo) this.judgedUpTo = last;
  }
}
