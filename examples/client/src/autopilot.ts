import { ARENA_SIZE } from 'example-protocol';

/** Steers a bot towards random waypoints, so bots move the way players do: in bursts. */
export class Autopilot {
  private targetX = Math.random() * ARENA_SIZE;
  private targetY = Math.random() * ARENA_SIZE;

  /** The input for a player at (x, y): unit direction to the waypoint, a new one on arrival. */
  steer(x: number, y: number): { moveX: number; moveY: number } {
    let dx = this.targetX - x;
    let dy = this.targetY - y;
    if (Math.hypot(dx, dy) < 1) {
      this.targetX = Math.random() * ARENA_SIZE;
      this.targetY = Math.random() * ARENA_SIZE;
      dx = this.targetX - x;
      dy = this.targetY - y;
    }
    const length = Math.hypot(dx, dy) || 1;
    return { moveX: dx / length, moveY: dy / length };
  }
}
