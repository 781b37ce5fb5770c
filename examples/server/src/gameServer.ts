import type { ConnectionHandle, Server } from '@netstack/core';
import { DecodeError, Reader, Writer } from '@netstack/core/serialization';
import { decodeMessage, encodeMessage, maxSizeOfMessage } from 'example-protocol';
import { GameWorld } from './gameWorld.js';

/**
 * Runs the example game on a netstack `Server`: each tick reads the events, moves the
 * players and sends every client a snapshot delta-compressed against the last one it
 * acknowledged.
 */
export class GameServer {
  readonly world = new GameWorld();
  /** Datagrams whose payload did not decode (a `DecodeError`): dropped and counted. */
  decodeErrors = 0;
  snapshotsSent = 0;
  snapshotBytes = 0;
  private readonly writer = new Writer(new Uint8Array(maxSizeOfMessage));
  private readonly reader = new Reader(new Uint8Array(0));
  private timer: NodeJS.Timeout | undefined;
  private lastTick = performance.now();

  constructor(
    readonly netstack: Server,
    private readonly tickRate: number,
  ) {}

  start(): void {
    this.lastTick = performance.now();
    this.timer = setInterval(() => this.tick(performance.now()), 1000 / this.tickRate);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Each connected client's estimated packet loss, 0 to 1. */
  *connectionLosses(): Generator<number> {
    for (const connection of this.world.connections()) {
      if (this.netstack.isConnected(connection)) yield this.netstack.stats(connection).packetLoss;
    }
  }

  tick(now: number): void {
    const { world, netstack } = this;
    for (const event of netstack.update(now)) {
      switch (event.type) {
        case 'connected':
          world.join(event.connection);
          break;
        case 'disconnected':
          world.leave(event.connection);
          break;
        case 'message':
          this.reader.reset(event.data, event.offset, event.offset + event.length);
          this.receive(event.connection);
          break;
        case 'messageAcknowledged':
          world.acknowledged(event.connection, event.sequence);
          break;
      }
    }
    world.advance(Math.min(0.25, (now - this.lastTick) / 1000));
    this.lastTick = now;
    this.sendSnapshots();
  }

  private receive(connection: ConnectionHandle): void {
    try {
      while (this.reader.remaining > 0) {
        const message = decodeMessage(this.reader);
        if (message.type === 'PlayerInput') this.world.applyInput(connection, message.value);
      }
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      this.decodeErrors++;
    }
  }

  private sendSnapshots(): void {
    for (const connection of this.world.connections()) {
      const next = this.world.snapshotFor(connection);
      if (next === undefined || !this.netstack.isConnected(connection)) continue;
      this.writer.reset();
      encodeMessage(this.writer, { type: 'Snapshot', value: next.snapshot });
      const sequence = this.netstack.send(connection, this.writer.bytes, this.writer.offset);
      this.world.recordSent(connection, sequence, next.view);
      this.snapshotsSent++;
      this.snapshotBytes += this.writer.offset;
    }
  }
}
