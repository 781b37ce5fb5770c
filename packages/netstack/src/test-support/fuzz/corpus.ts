import { readKind } from '../../packets/header.js';
import type { PeerAddress } from '../../transport/transport.js';
import type { FuzzRandom } from './fuzzRandom.js';

/** A genuine datagram seen on the simulated network. */
export interface Captured {
  readonly bytes: Uint8Array;
  readonly from: PeerAddress;
  readonly to: PeerAddress;
  /** The tick it was sent in. */
  readonly tick: number;
  /** Its kind and direction, as `payload↑` (to the server) or `payload↓`. */
  readonly label: string;
  /** Sent on a link that loses everything: never delivered, so never replayed. */
  readonly lost: boolean;
}

const KIND_NAMES = [
  'request',
  'accepted',
  'denied',
  'payload',
  'heartbeat',
  'disconnect',
  'kind-6',
  'kind-7',
];

/** The label of a packet of `kind` sent towards the server (↑) or a client (↓). */
export function kindLabel(kind: number, towardsServer: boolean): string {
  return `${KIND_NAMES[kind] ?? 'kind-?'}${towardsServer ? '↑' : '↓'}`;
}

const PER_LABEL = 24;
const RECENT = 128;

/**
 * Genuine packets to mutate: a sample of every kind and direction seen so far (kept
 * by reservoir sampling, so rare kinds such as denials stay as likely as payloads),
 * and the most recent packets (whose sequence numbers are near the receivers' replay
 * windows, some still in flight).
 */
export class Corpus {
  private readonly byLabel = new Map<string, { seen: number; items: Captured[] }>();
  private readonly labels: string[] = [];
  private readonly recent: Captured[] = [];
  private recentNext = 0;

  constructor(private readonly random: FuzzRandom) {}

  add(captured: Captured): void {
    if (this.recent.length < RECENT) this.recent.push(captured);
    else this.recent[this.recentNext] = captured;
    this.recentNext = (this.recentNext + 1) % RECENT;

    let sample = this.byLabel.get(captured.label);
    if (sample === undefined) {
      sample = { seen: 0, items: [] };
      this.byLabel.set(captured.label, sample);
      this.labels.push(captured.label);
    }
    sample.seen++;
    if (sample.items.length < PER_LABEL) sample.items.push(captured);
    else {
      const slot = this.random.below(sample.seen);
      if (slot < PER_LABEL) sample.items[slot] = captured;
    }
  }

  /** The labels captured so far, in the order first seen. */
  get kinds(): readonly string[] {
    return this.labels;
  }

  get size(): number {
    return this.recent.length;
  }

  /** A packet: half the time of a uniformly chosen kind, half the time a recent one. */
  pick(): Captured {
    if (this.recent.length === 0) throw new Error('Corpus.pick: nothing captured yet');
    if (this.random.chance(0.5)) return this.random.pick(this.recent);
    const label = this.random.pick(this.labels);
    return this.random.pick(this.byLabel.get(label)!.items);
  }
}

export function labelOf(bytes: Uint8Array, towardsServer: boolean): string {
  return kindLabel(bytes.length > 0 ? readKind(bytes) : 0, towardsServer);
}
