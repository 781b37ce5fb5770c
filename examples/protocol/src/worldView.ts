import { dequantize, quantize } from '@netstack/core/serialization';
import { ARENA_SIZE, type PlayerDelta, type Snapshot } from './messages.js';

/** Bits of a `Coordinate` on the wire (see messages.ts). */
const COORDINATE_BITS = 16;

/** A player's position in wire units: what both ends compare, so both agree exactly. */
export interface Position {
  readonly x: number;
  readonly y: number;
}

/** The players one client sees, by id. */
export type WorldView = ReadonlyMap<number, Position>;

export function toWireUnits(metres: number): number {
  return quantize(metres, 0, ARENA_SIZE, COORDINATE_BITS);
}

export function toMetres(wireUnits: number): number {
  return dequantize(wireUnits, 0, ARENA_SIZE, COORDINATE_BITS);
}

/**
 * What takes `baseline` (a view the client acknowledged) to `current`: the players that
 * are new or moved, with only the coordinates that changed, and the ids that are gone.
 * Without a baseline, everything.
 */
export function changesSince(
  baseline: WorldView | undefined,
  current: WorldView,
): Pick<Snapshot, 'changed' | 'removed'> {
  const changed: PlayerDelta[] = [];
  for (const [id, now] of current) {
    const before = baseline?.get(id);
    if (before === undefined) {
      changed.push({ id, x: toMetres(now.x), y: toMetres(now.y) });
    } else if (before.x !== now.x || before.y !== now.y) {
      const delta: PlayerDelta = { id };
      if (before.x !== now.x) delta.x = toMetres(now.x);
      if (before.y !== now.y) delta.y = toMetres(now.y);
      changed.push(delta);
    }
  }
  const removed: number[] = [];
  if (baseline !== undefined) {
    for (const id of baseline.keys()) if (!current.has(id)) removed.push(id);
  }
  return { changed, removed };
}

/**
 * The view a snapshot describes, given the view of its baseline tick (`undefined` for a
 * full snapshot). Throws when a delta names a coordinate the baseline lacks: the sender
 * and receiver disagree about the baseline.
 */
export function applySnapshot(baseline: WorldView | undefined, snapshot: Snapshot): WorldView {
  const view = new Map(baseline ?? []);
  for (const id of snapshot.removed) view.delete(id);
  for (const delta of snapshot.changed) {
    const before = view.get(delta.id);
    const x = delta.x === undefined ? before?.x : toWireUnits(delta.x);
    const y = delta.y === undefined ? before?.y : toWireUnits(delta.y);
    if (x === undefined || y === undefined) {
      throw new Error(
        `player ${delta.id} moved in snapshot ${snapshot.tick} but its baseline has no position for it`,
      );
    }
    view.set(delta.id, { x, y });
  }
  return view;
}
