import type { ConnectionHandle } from '@netstack/core';
import {
  ARENA_SIZE,
  changesSince,
  type PlayerInput,
  type Position,
  type Snapshot,
  toWireUnits,
  type WorldView,
} from 'example-protocol';

/** Metres per second at full input. */
const SPEED = 12;
/** Snapshots sent to a client that are remembered, to become its baseline when acknowledged. */
const SENT_HISTORY = 64;
/** Clients keep their last 64 views; a baseline older than this many ticks is not used. */
const MAX_BASELINE_AGE = 32;
/** Players in one snapshot at most (the message's cap): the nearest ones. */
const MAX_VISIBLE = 120;

interface SentSnapshot {
  readonly tick: number;
  readonly view: WorldView;
}

class Player {
  x = Math.random() * ARENA_SIZE;
  y = Math.random() * ARENA_SIZE;
  moveX = 0;
  moveY = 0;
  /** Snapshots in flight, by the sequence number `send` gave them. */
  readonly sent = new Map<number, SentSnapshot>();
  /** The newest snapshot the client acknowledged: deltas are computed against it. */
  baseline: SentSnapshot | undefined;
  inputs = 0;

  constructor(readonly id: number) {}
}

/**
 * The example game, without I/O: players move as their inputs say, and each client gets
 * snapshots delta-compressed against the last snapshot it acknowledged, the pattern
 * netstack's acks exist for. Time comes in as `advance(seconds)`.
 */
export class GameWorld {
  tick = 0;
  private readonly players = new Map<ConnectionHandle, Player>();
  private nextId = 1;

  get playerCount(): number {
    return this.players.size;
  }

  connections(): IterableIterator<ConnectionHandle> {
    return this.players.keys();
  }

  join(connection: ConnectionHandle): void {
    this.players.set(connection, new Player(this.nextId));
    this.nextId = (this.nextId % 65_535) + 1;
  }

  leave(connection: ConnectionHandle): void {
    this.players.delete(connection);
  }

  applyInput(connection: ConnectionHandle, input: PlayerInput): void {
    const player = this.players.get(connection);
    if (player === undefined) return;
    const length = Math.hypot(input.moveX, input.moveY);
    const scale = length > 1 ? 1 / length : 1;
    player.moveX = input.moveX * scale;
    player.moveY = input.moveY * scale;
    player.inputs++;
  }

  /** The client received the snapshot sent as `sequence`: it becomes the baseline if newer. */
  acknowledged(connection: ConnectionHandle, sequence: number): void {
    const player = this.players.get(connection);
    const snapshot = player?.sent.get(sequence);
    if (player === undefined || snapshot === undefined) return;
    if (player.baseline === undefined || snapshot.tick > player.baseline.tick)
      player.baseline = snapshot;
  }

  advance(seconds: number): void {
    this.tick++;
    for (const player of this.players.values()) {
      player.x = clamp(player.x + player.moveX * SPEED * seconds);
      player.y = clamp(player.y + player.moveY * SPEED * seconds);
    }
  }

  /** The snapshot for `connection` now, and the view it describes (to `recordSent`). */
  snapshotFor(connection: ConnectionHandle): { snapshot: Snapshot; view: WorldView } | undefined {
    const player = this.players.get(connection);
    if (player === undefined) return undefined;
    const view = this.viewOf(player);
    const baseline =
      player.baseline !== undefined && this.tick - player.baseline.tick <= MAX_BASELINE_AGE
        ? player.baseline
        : undefined;
    const snapshot: Snapshot = {
      tick: this.tick,
      baselineTick: baseline?.tick ?? 0,
      yourId: player.id,
      ...changesSince(baseline?.view, view),
    };
    return { snapshot, view };
  }

  /** Remembers what was sent as `sequence`, until it is acknowledged or too old. */
  recordSent(connection: ConnectionHandle, sequence: number, view: WorldView): void {
    const player = this.players.get(connection);
    if (player === undefined) return;
    player.sent.set(sequence, { tick: this.tick, view });
    if (player.sent.size > SENT_HISTORY) {
      const oldest = player.sent.keys().next().value;
      if (oldest !== undefined) player.sent.delete(oldest);
    }
  }

  /** Every player, or the nearest MAX_VISIBLE when there are more. */
  private viewOf(me: Player): WorldView {
    let visible = [...this.players.values()];
    if (visible.length > MAX_VISIBLE) {
      const distance = (p: Player) => (p.x - me.x) ** 2 + (p.y - me.y) ** 2;
      visible = visible.sort((a, b) => distance(a) - distance(b)).slice(0, MAX_VISIBLE);
    }
    return new Map<number, Position>(
      visible.map((p) => [p.id, { x: toWireUnits(p.x), y: toWireUnits(p.y) }]),
    );
  }
}

function clamp(metres: number): number {
  return Math.min(ARENA_SIZE, Math.max(0, metres));
}
