import { Reader, Writer } from '@netstack/core/serialization';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, maxSizeOfMessage } from './messages.gen.js';
import { applySnapshot, changesSince, type Position, toWireUnits } from './worldView.js';

const position = fc.record({
  x: fc.integer({ min: 0, max: 65_535 }),
  y: fc.integer({ min: 0, max: 65_535 }),
});
const view = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 65_535 }), position), {
    maxLength: 120,
    selector: ([id]) => id,
  })
  .map((entries) => new Map<number, Position>(entries));

/** Sends a snapshot through the generated codec, as the game does. */
function throughTheWire(
  tick: number,
  baselineTick: number,
  changes: ReturnType<typeof changesSince>,
) {
  const writer = new Writer(new Uint8Array(maxSizeOfMessage));
  encodeMessage(writer, { type: 'Snapshot', value: { tick, baselineTick, yourId: 1, ...changes } });
  const decoded = decodeMessage(new Reader(writer.written()));
  if (decoded.type !== 'Snapshot') throw new Error('expected a snapshot');
  return decoded.value;
}

describe('snapshot deltas', () => {
  it('rebuild the current view from any baseline, through the generated codec', () => {
    fc.assert(
      fc.property(fc.option(view, { nil: undefined }), view, (baseline, current) => {
        const snapshot = throughTheWire(2, baseline ? 1 : 0, changesSince(baseline, current));
        expect(applySnapshot(baseline, snapshot)).toEqual(current);
      }),
      { numRuns: 300 },
    );
  });

  it('send only what changed', () => {
    const baseline = new Map([
      [1, { x: 10, y: 20 }],
      [2, { x: 30, y: 40 }],
      [3, { x: 50, y: 60 }],
    ]);
    const current = new Map([
      [1, { x: 10, y: 20 }],
      [2, { x: 31, y: 40 }],
      [4, { x: 70, y: 80 }],
    ]);
    const { changed, removed } = changesSince(baseline, current);
    expect(changed.map((d) => [d.id, d.x !== undefined, d.y !== undefined])).toEqual([
      [2, true, false],
      [4, true, true],
    ]);
    expect(removed).toEqual([3]);
  });

  it('keeps positions exact in wire units, so both ends compare equal', () => {
    for (const metres of [0, 0.0015, 12.345, 99.999, 100]) {
      const units = toWireUnits(metres);
      const snapshot = throughTheWire(
        1,
        0,
        changesSince(undefined, new Map([[7, { x: units, y: units }]])),
      );
      expect(applySnapshot(undefined, snapshot).get(7)).toEqual({ x: units, y: units });
    }
  });
});
