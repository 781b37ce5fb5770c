import { Client, type DisconnectReason, type SecurityMode, type Transport } from '@netstack/core';
import { DecodeError, Reader, Writer } from '@netstack/core/serialization';
import {
  applySnapshot,
  decodeMessage,
  encodeMessage,
  maxSizeOfMessage,
  type Snapshot,
  toMetres,
  type WorldView,
} from 'example-protocol';
import { Autopilot } from './autopilot.js';
import type { Credentials } from './tokenClient.js';

/** Views kept by tick, for snapshots that name them as their baseline. */
const VIEWS_KEPT = 64;

/** What one client has seen, for the live line and the demo's summary. */
export class GameClientStats {
  inputsSent = 0;
  inputsAcknowledged = 0;
  snapshots = 0;
  /** Snapshots sent as changes from a baseline the client acknowledged. */
  deltaSnapshots = 0;
  snapshotBytes = 0;
  /** Snapshots whose baseline this client no longer had (should stay 0). */
  missingBaselines = 0;
  decodeErrors = 0;
  playersInView = 0;
  connected = false;
  everConnected = false;
  disconnectReason: DisconnectReason | undefined;
}

/**
 * One player of the example game on a netstack `Client`: each tick it sends its input,
 * and it rebuilds the world from snapshots delta-compressed against views it has.
 */
export class GameClient {
  readonly stats = new GameClientStats();
  readonly client: Client;
  private readonly views = new Map<number, WorldView>();
  private readonly autopilot = new Autopilot();
  private readonly writer = new Writer(new Uint8Array(maxSizeOfMessage));
  private readonly reader = new Reader(new Uint8Array(0));
  private myId = 0;
  private x = 50;
  private y = 50;
  private tick = 0;

  constructor(transport: Transport, securityMode: SecurityMode, connectTimeout = 5000) {
    this.client = new Client({ transport, securityMode, connectTimeout });
  }

  connect(credentials: Credentials): void {
    this.client.connect(credentials.server, credentials.secret, credentials.token);
  }

  /** One game-loop tick: what arrived, then this tick's input. */
  update(now: number): void {
    for (const event of this.client.update(now)) {
      switch (event.type) {
        case 'connected':
          this.stats.connected = true;
          this.stats.everConnected = true;
          break;
        case 'disconnected':
          this.stats.connected = false;
          this.stats.disconnectReason = event.reason;
          break;
        case 'message':
          this.stats.snapshotBytes += event.length;
          this.reader.reset(event.data, event.offset, event.offset + event.length);
          this.receive();
          break;
        case 'messageAcknowledged':
          this.stats.inputsAcknowledged++;
          break;
      }
    }
    if (this.client.state === 'connected') this.sendInput();
  }

  disconnect(): void {
    this.client.disconnect();
  }

  close(): void {
    this.client.close();
  }

  private sendInput(): void {
    const { moveX, moveY } = this.autopilot.steer(this.x, this.y);
    this.writer.reset();
    encodeMessage(this.writer, { type: 'PlayerInput', value: { tick: ++this.tick, moveX, moveY } });
    this.client.send(this.writer.bytes, this.writer.offset);
    this.stats.inputsSent++;
  }

  private receive(): void {
    try {
      while (this.reader.remaining > 0) {
        const message = decodeMessage(this.reader);
        if (message.type === 'Snapshot') this.applySnapshot(message.value);
      }
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      this.stats.decodeErrors++;
    }
  }

  private applySnapshot(snapshot: Snapshot): void {
    const baseline =
      snapshot.baselineTick === 0 ? undefined : this.views.get(snapshot.baselineTick);
    if (snapshot.baselineTick !== 0 && baseline === undefined) {
      this.stats.missingBaselines++;
      return;
    }
    const view = applySnapshot(baseline, snapshot);
    this.views.set(snapshot.tick, view);
    if (this.views.size > VIEWS_KEPT) this.views.delete(this.views.keys().next().value!);
    this.stats.snapshots++;
    if (baseline !== undefined) this.stats.deltaSnapshots++;
    this.stats.playersInView = view.size;
    this.myId = snapshot.yourId;
    const me = view.get(this.myId);
    if (me !== undefined) {
      this.x = toMetres(me.x);
      this.y = toMetres(me.y);
    }
  }
}
