import { NetstackError } from '../errors.js';
import type { SeededRandom } from './random.js';

/**
 * How a simulated link mistreats datagrams, in one direction. Every field is optional
 * and defaults to a perfect link.
 */
export interface LinkConditions {
  /** One-way delay in milliseconds. @default 0 */
  latency?: number;
  /** Each datagram's delay varies uniformly by up to ± this many milliseconds. @default 0 */
  jitter?: number;
  /** Probability (0 to 1) that a datagram is lost. @default 0 */
  loss?: number;
  /** Probability (0 to 1) that a datagram arrives twice. @default 0 */
  duplication?: number;
  /**
   * Probability (0 to 1) that a datagram is held back by an extra `reorderDelay`, so
   * later ones overtake it. @default 0
   */
  reordering?: number;
  /** The extra delay of a reordered datagram, in milliseconds. @default 2 × latency + 10 */
  reorderDelay?: number;
}

/**
 * Decides each datagram's fate on a simulated link: lost, or delivered once or twice,
 * each copy after its own delay. Deterministic for a given random source.
 *
 * @example
 * ```ts
 * const network = new MemoryNetwork({ seed: 7, conditions: { latency: 50, jitter: 10, loss: 0.05 } });
 * ```
 */
export class LinkConditioner {
  private readonly latency: number;
  private readonly jitter: number;
  private readonly loss: number;
  private readonly duplication: number;
  private readonly reordering: number;
  private readonly reorderDelay: number;

  constructor(conditions: LinkConditions = {}) {
    this.latency = checked('latency', conditions.latency ?? 0, 1e7);
    this.jitter = checked('jitter', conditions.jitter ?? 0, 1e7);
    this.loss = checked('loss', conditions.loss ?? 0, 1);
    this.duplication = checked('duplication', conditions.duplication ?? 0, 1);
    this.reordering = checked('reordering', conditions.reordering ?? 0, 1);
    this.reorderDelay = checked(
      'reorderDelay',
      conditions.reorderDelay ?? 2 * this.latency + 10,
      1e7,
    );
  }

  /** How many copies of a datagram arrive: 0 (lost), 1, or 2 (duplicated). */
  copies(random: SeededRandom): number {
    if (random.chance(this.loss)) return 0;
    return random.chance(this.duplication) ? 2 : 1;
  }

  /** The delay of one copy, in milliseconds. */
  delay(random: SeededRandom): number {
    let delay = this.latency + (random.next() * 2 - 1) * this.jitter;
    if (random.chance(this.reordering)) delay += this.reorderDelay;
    return Math.max(0, delay);
  }
}

function checked(name: string, value: number, max: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= max)) {
    throw new NetstackError(
      'invalid-options',
      `${name} must be a number from 0 to ${max}, but is ${String(value)}.`,
    );
  }
  return value;
}
