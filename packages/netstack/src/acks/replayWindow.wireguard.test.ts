import { describe, expect, it } from 'vitest';
import { MAX_SEQUENCE } from '../packets/sequence.js';
import { REPLAY_WINDOW_SIZE, ReplayWindow } from './replayWindow.js';

/**
 * WireGuard's replay-counter self-test (Linux, drivers/net/wireguard/selftest/counter.c,
 * `wg_packet_counter_selftest`), case by case, ported to netstack's window.
 *
 * How the port maps WireGuard onto netstack:
 * - **Width.** WireGuard's `counter_validate` accepts a counter `n` iff
 *   `n >= newest - COUNTER_WINDOW_SIZE`: `COUNTER_WINDOW_SIZE + 1` values counting the
 *   newest. Ours accepts `REPLAY_WINDOW_SIZE` (256) values counting the newest, so
 *   `COUNTER_WINDOW_SIZE` here is 255 and `T_LIM` (= `COUNTER_WINDOW_SIZE + 1`) is 256.
 * - **Numbering.** WireGuard counters start at 0; netstack sequences start at 1 (0 means
 *   "none"). `T(n, v)` checks sequence `n + 1`. (WireGuard itself adds one before it
 *   stores the newest counter, so its `counter` field is exactly our `latest`.)
 * - **The end.** WireGuard refuses counters `>= REJECT_AFTER_MESSAGES`. The last counter
 *   it accepts, `REJECT_AFTER_MESSAGES - 1`, maps to our last sequence MAX_SEQUENCE
 *   (2^53 − 1): `REJECT_AFTER_MESSAGES` here is MAX_SEQUENCE. Counters are bigints so
 *   the cases past the end are computed exactly; case 30's sequence, 2^53 + 1, is not a
 *   JavaScript number and rounds to 2^53 (still past the end, still refused).
 * - **One call.** `counter_validate` checks and records in one step; netstack checks
 *   (`isFresh`) before the tag and records (`accept`) after it, so `T` does both.
 */
const COUNTER_WINDOW_SIZE = REPLAY_WINDOW_SIZE - 1;
const T_LIM = COUNTER_WINDOW_SIZE + 1;
const REJECT_AFTER_MESSAGES = BigInt(MAX_SEQUENCE);

/** A WireGuard counter validated against our window: fresh → recorded. */
function validate(window: ReplayWindow, counter: number | bigint): boolean {
  const sequence = Number(BigInt(counter) + 1n);
  if (!window.isFresh(sequence)) return false;
  window.accept(sequence);
  return true;
}

/** The self-test's `T_INIT ... T(n, v) ...` blocks, as [counter, expected] rows. */
const blocks: { name: string; rows: [number | bigint, boolean][] }[] = [
  {
    name: 'cases 1-34: in order, duplicates, the window edges, far jumps, the end',
    rows: [
      /*  1 */ [0, true],
      /*  2 */ [1, true],
      /*  3 */ [1, false],
      /*  4 */ [9, true],
      /*  5 */ [8, true],
      /*  6 */ [7, true],
      /*  7 */ [7, false],
      /*  8 */ [T_LIM, true],
      /*  9 */ [T_LIM - 1, true],
      /* 10 */ [T_LIM - 1, false],
      /* 11 */ [T_LIM - 2, true],
      /* 12 */ [2, true],
      /* 13 */ [2, false],
      /* 14 */ [T_LIM + 16, true],
      /* 15 */ [3, false],
      /* 16 */ [T_LIM + 16, false],
      /* 17 */ [T_LIM * 4, true],
      /* 18 */ [T_LIM * 4 - (T_LIM - 1), true],
      /* 19 */ [10, false],
      /* 20 */ [T_LIM * 4 - T_LIM, false],
      /* 21 */ [T_LIM * 4 - (T_LIM + 1), false],
      /* 22 */ [T_LIM * 4 - (T_LIM - 2), true],
      /* 23 */ [T_LIM * 4 + 1 - T_LIM, false],
      /* 24 */ [0, false],
      /* 25 */ [REJECT_AFTER_MESSAGES, false],
      /* 26 */ [REJECT_AFTER_MESSAGES - 1n, true],
      /* 27 */ [REJECT_AFTER_MESSAGES, false],
      /* 28 */ [REJECT_AFTER_MESSAGES - 1n, false],
      /* 29 */ [REJECT_AFTER_MESSAGES - 2n, true],
      /* 30 */ [REJECT_AFTER_MESSAGES + 1n, false],
      /* 31 */ [REJECT_AFTER_MESSAGES + 2n, false],
      /* 32 */ [REJECT_AFTER_MESSAGES - 2n, false],
      /* 33 */ [REJECT_AFTER_MESSAGES - 3n, true],
      /* 34 */ [0, false],
    ],
  },
  {
    name: 'a full window in order, then the one just below it',
    rows: [
      ...range(1, COUNTER_WINDOW_SIZE).map((i): [number, boolean] => [i, true]),
      [0, true],
      [0, false],
    ],
  },
  {
    name: 'a full window from 2, then 1 (the oldest still inside), then 0 (outside)',
    rows: [
      ...range(2, COUNTER_WINDOW_SIZE + 1).map((i): [number, boolean] => [i, true]),
      [1, true],
      [0, false],
    ],
  },
  {
    name: 'a full window in reverse, down to 0',
    rows: range(0, COUNTER_WINDOW_SIZE)
      .reverse()
      .map((i): [number, boolean] => [i, true]),
  },
  {
    name: 'a full window in reverse from one higher, then 0 (just outside)',
    rows: [
      ...range(1, COUNTER_WINDOW_SIZE + 1)
        .reverse()
        .map((i): [number, boolean] => [i, true]),
      [0, false],
    ],
  },
  {
    name: 'a window in reverse, then the next one up, then 0 (now outside)',
    rows: [
      ...range(1, COUNTER_WINDOW_SIZE)
        .reverse()
        .map((i): [number, boolean] => [i, true]),
      [COUNTER_WINDOW_SIZE + 1, true],
      [0, false],
    ],
  },
  {
    name: 'a window in reverse, then 0 (still inside), then the next one up',
    rows: [
      ...range(1, COUNTER_WINDOW_SIZE)
        .reverse()
        .map((i): [number, boolean] => [i, true]),
      [0, true],
      [COUNTER_WINDOW_SIZE + 1, true],
    ],
  },
];

/** `from` to `to`, both included. */
function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Cases the ported self-test checks in total (reported in docs/security.md). */
const WIREGUARD_CASES = blocks.reduce((sum, block) => sum + block.rows.length, 0);

describe("WireGuard's replay-counter self-test, on a 256-wide window from 1", () => {
  it.each(blocks)('$name', ({ rows }) => {
    const window = new ReplayWindow();
    const failures: string[] = [];
    rows.forEach(([counter, expected], i) => {
      const got = validate(window, counter);
      if (got !== expected) failures.push(`row ${i + 1}: T(${counter}) gave ${got}`);
    });
    expect(failures).toEqual([]);
  });

  it('checks every case of the kernel table (1,575 in all)', () => {
    expect(WIREGUARD_CASES).toBe(1_575);
  });
});
