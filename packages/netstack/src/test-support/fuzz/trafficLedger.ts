/**
 * The legitimate traffic of a fuzz run, and what it explains: every payload a
 * legitimate endpoint sends is generated from (stream, counter) and remembered by its
 * sequence number until it arrives, so the ledger can say of each `message` event
 * whether the peer really sent those bytes and whether it arrived before, and of each
 * `messageAcknowledged` event whether the peer really received that packet.
 */
import { FuzzRandom } from './fuzzRandom.js';

/** One direction of one connection. */
export class Stream {
  /** Sequence → counter of payloads sent and not yet delivered. */
  readonly outstanding = new Map<number, number>();
  /** Sequences delivered to the peer and not yet acknowledged. */
  readonly awaitingAck = new Set<number>();
  sent = 0;
  latestSequence = 0;

  constructor(readonly id: number) {}
}

export interface LedgerFigures {
  messagesSent: number;
  messagesDelivered: number;
  messagesAcknowledged: number;
}

/** What the ledger says of an event: undefined when it is explained, else why not. */
export type Verdict = string | undefined;

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}

export class TrafficLedger {
  readonly figures: LedgerFigures = {
    messagesSent: 0,
    messagesDelivered: 0,
    messagesAcknowledged: 0,
  };
  private streams = 0;
  private readonly scratch: Uint8Array;

  constructor(
    private readonly seed: number,
    private readonly maxPayloadBytes: number,
  ) {
    this.scratch = new Uint8Array(maxPayloadBytes);
  }

  stream(): Stream {
    return new Stream(this.streams++);
  }

  /** Makes the next payload of `stream`, hands it to `send`, and remembers its sequence. */
  send(stream: Stream, send: (payload: Uint8Array, length: number) => number): void {
    const counter = stream.sent++;
    const length = this.payloadInto(stream.id, counter);
    const sequence = send(this.scratch, length);
    stream.outstanding.set(sequence, counter);
    stream.latestSequence = sequence;
    this.figures.messagesSent++;
  }

  /** A `message` event on `stream`: was it sent, with these bytes, and not delivered before? */
  delivered(stream: Stream, sequence: number, bytes: Uint8Array): Verdict {
    const counter = stream.outstanding.get(sequence);
    if (counter === undefined) {
      return stream.awaitingAck.has(sequence)
        ? `message ${sequence} delivered twice`
        : `message ${sequence} was never sent`;
    }
    const length = this.payloadInto(stream.id, counter);
    if (bytes.length !== length)
      return `message ${sequence}: ${bytes.length} bytes, sent ${length}`;
    for (let i = 0; i < length; i++) {
      if (bytes[i] !== this.scratch[i])
        return `message ${sequence}: byte ${i} differs from what was sent`;
    }
    stream.outstanding.delete(sequence);
    stream.awaitingAck.add(sequence);
    this.figures.messagesDelivered++;
    return undefined;
  }

  /** A `messageAcknowledged` event on `stream`: did the peer receive it, and was it not acked before? */
  acknowledged(stream: Stream, sequence: number): Verdict {
    if (!stream.awaitingAck.delete(sequence)) {
      return stream.outstanding.has(sequence)
        ? `ack for message ${sequence}, which the peer never received`
        : `ack for message ${sequence}, never sent or acknowledged before`;
    }
    this.figures.messagesAcknowledged++;
    return undefined;
  }

  /** Forgets deliveries too old to be acknowledged any more (the sent ring holds 512). */
  prune(stream: Stream): void {
    const horizon = stream.latestSequence - 2048;
    for (const sequence of stream.awaitingAck) {
      if (sequence < horizon) stream.awaitingAck.delete(sequence);
    }
  }

  /**
   * Payload `counter` of stream `id`, written into the scratch buffer; returns its length.
   * Starts with the stream and counter (so no two payloads are alike), then filler.
   */
  private payloadInto(id: number, counter: number): number {
    const random = new FuzzRandom(mix(mix(this.seed, id), counter));
    const roll = random.next();
    const longest = this.maxPayloadBytes;
    const length =
      roll < 0.7
        ? random.between(8, 64)
        : roll < 0.95
          ? random.between(8, Math.min(300, longest))
          : random.between(8, longest);
    const out = this.scratch;
    out[0] = id;
    out[1] = id >>> 8;
    out[2] = id >>> 16;
    out[3] = id >>> 24;
    out[4] = counter;
    out[5] = counter >>> 8;
    out[6] = counter >>> 16;
    out[7] = counter >>> 24;
    random.fill(out, 8, length);
    return length;
  }
}
