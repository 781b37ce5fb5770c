/** How many of the newest sequence numbers a ledger remembers. */
const WINDOW = 8192;

/**
 * Which sequence numbers of one direction of one connection were delivered, over a
 * window of the newest 8,192 (so a 10-minute soak's bookkeeping stays a few kilobytes a
 * connection), with the violations the protocol must never commit.
 */
export class SequenceLedger {
  delivered = 0;
  /** Delivered a second time: replay protection failed. */
  duplicates = 0;
  /** Delivered though older than the window: the replay window let something ancient in. */
  staleDeliveries = 0;
  private readonly seen = new Uint8Array(WINDOW);
  private readonly sequences = new Float64Array(WINDOW);
  private newest = 0;

  deliver(sequence: number): void {
    if (sequence + WINDOW <= this.newest) {
      this.staleDeliveries++;
      return;
    }
    const cell = sequence % WINDOW;
    if (this.sequences[cell] === sequence && this.seen[cell] === 1) {
      this.duplicates++;
      return;
    }
    this.sequences[cell] = sequence;
    this.seen[cell] = 1;
    if (sequence > this.newest) this.newest = sequence;
    this.delivered++;
  }

  /** Whether `sequence` was delivered; undefined when it is too old to say. */
  wasDelivered(sequence: number): boolean | undefined {
    if (sequence + WINDOW <= this.newest) return undefined;
    const cell = sequence % WINDOW;
    return this.sequences[cell] === sequence && this.seen[cell] === 1;
  }
}

/** Acknowledgements of one direction, checked against the receiver's ledger. */
export class AckLedger {
  acknowledged = 0;
  /** Acknowledged though the peer never received it: a lie. */
  falseAcks = 0;
  /** Acknowledged twice. */
  doubleAcks = 0;
  /** Too old for the ledgers to judge (should not happen: acks reach back 512 packets). */
  unverifiable = 0;
  private readonly acked = new Uint8Array(WINDOW);
  private readonly sequences = new Float64Array(WINDOW);

  acknowledge(sequence: number, receiver: SequenceLedger): void {
    const delivered = receiver.wasDelivered(sequence);
    if (delivered === undefined) this.unverifiable++;
    else if (!delivered) this.falseAcks++;
    const cell = sequence % WINDOW;
    if (this.sequences[cell] === sequence && this.acked[cell] === 1) {
      this.doubleAcks++;
      return;
    }
    this.sequences[cell] = sequence;
    this.acked[cell] = 1;
    this.acknowledged++;
  }
}
