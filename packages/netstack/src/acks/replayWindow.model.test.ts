import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SEQUENCE, SEQUENCE_MODULUS } from '../packets/sequence.js';
import { REPLAY_WINDOW_SIZE, ReplayWindow } from './replayWindow.js';

/**
 * The replay window against the simplest thing that could be right: a Set of every
 * sequence ever accepted and the newest one. A sequence is fresh iff it is > 0, at most
 * MAX_SEQUENCE (2^53 − 1, the last a sender may use), not seen before, and newer than
 * `newest − 256`.
 */
class NaiveReplayModel {
  readonly seen = new Set<number>();
  /** Every accepted sequence in order, for picking duplicates. */
  readonly history: number[] = [];
  newest = 0;

  isFresh(sequence: number): boolean {
    return (
      sequence > 0 &&
      sequence <= MAX_SEQUENCE &&
      !this.seen.has(sequence) &&
      sequence > this.newest - REPLAY_WINDOW_SIZE
    );
  }

  accept(sequence: number): void {
    this.seen.add(sequence);
    this.history.push(sequence);
    if (sequence > this.newest) this.newest = sequence;
  }

  /** Bit i: `newest − 1 − i` was accepted. */
  ackBits(): number {
    let bits = 0;
    for (let i = 0; i < 32; i++) {
      if (this.seen.has(this.newest - 1 - i)) bits |= 1 << i;
    }
    return bits;
  }
}

/**
 * Where an operation's sequence comes from, resolved against the model when it runs:
 * commands are generated before they run, so "near the window edge" has to be relative.
 */
type Target =
  | { readonly near: 'newest'; readonly offset: number }
  | { readonly near: 'seen'; readonly pick: number }
  | { readonly near: 'absolute'; readonly value: number };

const TOP = 2 ** 53; // MAX_SEQUENCE + 1: the first number no sender may use

function resolve(target: Target, model: NaiveReplayModel): number {
  switch (target.near) {
    case 'newest':
      return Math.min(model.newest + target.offset, TOP);
    case 'seen':
      return model.history.length === 0 ? 1 : model.history[target.pick % model.history.length]!;
    case 'absolute':
      return target.value;
  }
}

/** Sequences around multiples of `step` (the window, the 13-bit wire form, 2^16, 2^32). */
function aroundMultiplesOf(step: number, maxMultiple: number): fc.Arbitrary<number> {
  return fc
    .tuple(fc.integer({ min: 0, max: maxMultiple }), fc.integer({ min: -3, max: 3 }))
    .map(([k, delta]) => Math.min(TOP, Math.max(0, k * step + delta)));
}

const offsets = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -8, max: 8 }) }, // in order, late, duplicate
  {
    weight: 4,
    arbitrary: fc.integer({ min: -REPLAY_WINDOW_SIZE - 3, max: -REPLAY_WINDOW_SIZE + 3 }),
  }, // the edge
  {
    weight: 4,
    arbitrary: fc.integer({ min: -2 * REPLAY_WINDOW_SIZE, max: 2 * REPLAY_WINDOW_SIZE }),
  },
  { weight: 1, arbitrary: fc.integer({ min: REPLAY_WINDOW_SIZE - 3, max: SEQUENCE_MODULUS + 3 }) }, // jumps
  { weight: 1, arbitrary: fc.integer({ min: -SEQUENCE_MODULUS - 3, max: -REPLAY_WINDOW_SIZE }) },
);

const absolutes = fc.oneof(
  aroundMultiplesOf(REPLAY_WINDOW_SIZE, 64),
  aroundMultiplesOf(SEQUENCE_MODULUS, 16),
  aroundMultiplesOf(2 ** 16, 4),
  aroundMultiplesOf(2 ** 32, 4),
  aroundMultiplesOf(REPLAY_WINDOW_SIZE, 2 ** 45), // anywhere up to 2^53
  fc.integer({ min: MAX_SEQUENCE - 2 * REPLAY_WINDOW_SIZE, max: MAX_SEQUENCE }), // the top
  fc.constantFrom(0, -1, MAX_SEQUENCE, TOP),
  fc.maxSafeNat(),
);

const targets: fc.Arbitrary<Target> = fc.oneof(
  { weight: 16, arbitrary: offsets.map((offset) => ({ near: 'newest', offset }) as const) },
  { weight: 4, arbitrary: fc.nat().map((pick) => ({ near: 'seen', pick }) as const) },
  { weight: 1, arbitrary: absolutes.map((value) => ({ near: 'absolute', value }) as const) },
);

let operations = 0;
/** What the operations asked about, by the model's verdict, to show the generator bites. */
const verdicts = { fresh: 0, seen: 0, tooOld: 0, outOfRange: 0, atTheEdge: 0 };

function tally(model: NaiveReplayModel, sequence: number): void {
  operations++;
  if (sequence <= 0 || sequence > MAX_SEQUENCE) verdicts.outOfRange++;
  else if (model.seen.has(sequence)) verdicts.seen++;
  else if (sequence <= model.newest - REPLAY_WINDOW_SIZE) verdicts.tooOld++;
  else verdicts.fresh++;
  const behind = model.newest - sequence;
  if (behind === REPLAY_WINDOW_SIZE - 1 || behind === REPLAY_WINDOW_SIZE) verdicts.atTheEdge++;
}

/** A disagreement with the model (plain throws: vitest's expect is slow at this volume). */
function agree<T>(real: T, model: T, what: string): void {
  if (real !== model) throw new Error(`${what}: window says ${real}, model says ${model}`);
}

function describeTarget(target: Target): string {
  return JSON.stringify(target);
}

/** A packet arrives and its tag verifies: checked, then accepted if fresh. */
class Arrive implements fc.Command<NaiveReplayModel, ReplayWindow> {
  constructor(readonly target: Target) {}
  check(): boolean {
    return true;
  }
  run(model: NaiveReplayModel, window: ReplayWindow): void {
    const sequence = resolve(this.target, model);
    tally(model, sequence);
    const fresh = model.isFresh(sequence);
    agree(window.isFresh(sequence), fresh, `isFresh(${sequence}) after newest ${model.newest}`);
    if (fresh) {
      window.accept(sequence);
      model.accept(sequence);
    }
    agree(window.latest, model.newest, 'latest');
    agree(window.ackBits(), model.ackBits(), `ackBits at ${model.newest}`);
  }
  toString(): string {
    return `Arrive(${describeTarget(this.target)})`;
  }
}

/** A packet arrives and its tag fails: only the pre-check runs, nothing may change. */
class Forged implements fc.Command<NaiveReplayModel, ReplayWindow> {
  constructor(readonly target: Target) {}
  check(): boolean {
    return true;
  }
  run(model: NaiveReplayModel, window: ReplayWindow): void {
    const sequence = resolve(this.target, model);
    tally(model, sequence);
    agree(
      window.isFresh(sequence),
      model.isFresh(sequence),
      `isFresh(${sequence}) after newest ${model.newest}`,
    );
    agree(window.latest, model.newest, 'latest');
  }
  toString(): string {
    return `Forged(${describeTarget(this.target)})`;
  }
}

const commands = fc.commands(
  [targets.map((target) => new Arrive(target)), targets.map((target) => new Forged(target))],
  { maxCommands: 2_000, size: 'max' },
);

/** Operations the model-based test runs in total (reported in docs/security.md). */
const OPERATIONS = 100_000;

describe('ReplayWindow against a naive model', () => {
  it(`agrees on every one of ${OPERATIONS.toLocaleString('en')} random operations`, () => {
    operations = 0;
    for (const key of Object.keys(verdicts) as (keyof typeof verdicts)[]) verdicts[key] = 0;
    let runs = 0;
    // Batches of runs until the total reaches OPERATIONS (each run's length is random).
    while (operations < OPERATIONS) {
      fc.assert(
        fc.property(commands, (cmds) => {
          runs++;
          fc.modelRun(() => ({ model: new NaiveReplayModel(), real: new ReplayWindow() }), cmds);
        }),
        { numRuns: 4 },
      );
    }
    expect(operations).toBeGreaterThanOrEqual(OPERATIONS);
    expect(runs).toBeGreaterThan(0);
    // Every kind of answer came up often: typically about 21% fresh, 37% seen, 22% too
    // old, 20% out of range (0 and below, or past MAX_SEQUENCE once a run reached the
    // top), and 6% right at the window's edge (255 or 256 behind the newest).
    expect(verdicts.fresh).toBeGreaterThan(0.1 * operations);
    expect(verdicts.seen).toBeGreaterThan(0.1 * operations);
    expect(verdicts.tooOld).toBeGreaterThan(0.1 * operations);
    expect(verdicts.outOfRange).toBeGreaterThan(0.05 * operations);
    expect(verdicts.atTheEdge).toBeGreaterThan(0.02 * operations);
  }, 60_000);

  it('rejects what its model rejects at the very top of the sequence space', () => {
    const window = new ReplayWindow();
    const model = new NaiveReplayModel();
    for (const sequence of [MAX_SEQUENCE - 1, TOP, MAX_SEQUENCE, TOP + 2, MAX_SEQUENCE - 255]) {
      expect(window.isFresh(sequence)).toBe(model.isFresh(sequence));
      if (model.isFresh(sequence)) {
        window.accept(sequence);
        model.accept(sequence);
      }
    }
    expect(window.latest).toBe(MAX_SEQUENCE);
  });
});
