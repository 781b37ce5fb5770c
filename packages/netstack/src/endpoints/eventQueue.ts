import type { DisconnectReason } from '../connection/disconnectReason.js';
import { HEADER_BYTES, PACKET_OVERHEAD_BYTES } from '../packets/header.js';
import type { ConnectionHandle } from './connectionHandle.js';
import type {
  ConnectedEvent,
  DisconnectedEvent,
  MessageAcknowledgedEvent,
  MessageEvent,
  NetstackEvent,
} from './events.js';

const NO_BYTES = new Uint8Array(0);
const NO_HANDLE = 0 as ConnectionHandle;

class Connected implements ConnectedEvent {
  readonly type = 'connected';
  connection = NO_HANDLE;
}

class Disconnected implements DisconnectedEvent {
  readonly type = 'disconnected';
  connection = NO_HANDLE;
  reason: DisconnectReason = 'closed';
}

class Message implements MessageEvent {
  readonly type = 'message';
  connection = NO_HANDLE;
  sequence = 0;
  data: Uint8Array = NO_BYTES;
  offset = 0;
  length = 0;
  get payload(): Uint8Array {
    return this.data.subarray(this.offset, this.offset + this.length);
  }
}

class Acknowledged implements MessageAcknowledgedEvent {
  readonly type = 'messageAcknowledged';
  connection = NO_HANDLE;
  sequence = 0;
}

type PooledEvent = Connected | Disconnected | Message | Acknowledged;

/**
 * The events an endpoint has for the game, with their objects reused: the events
 * `update` returned stay valid until the next `update` call begins, then go back to a
 * pool, so a steady stream of messages and acks allocates nothing.
 */
export class EventQueue {
  private pending: PooledEvent[] = [];
  private delivered: PooledEvent[] = [];
  private readonly connectedPool: Connected[] = [];
  private readonly disconnectedPool: Disconnected[] = [];
  private readonly messagePool: Message[] = [];
  private readonly acknowledgedPool: Acknowledged[] = [];

  /**
   * Takes back the events handed out by the last `drain`. Pops them one by one, as
   * `length = 0` would drop the array's storage and the next push would allocate anew.
   */
  recycle(): void {
    const delivered = this.delivered;
    while (delivered.length > 0) {
      const event = delivered.pop()!;
      switch (event.type) {
        case 'connected':
          this.connectedPool.push(event);
          break;
        case 'disconnected':
          this.disconnectedPool.push(event);
          break;
        case 'message':
          event.data = NO_BYTES;
          this.messagePool.push(event);
          break;
        case 'messageAcknowledged':
          this.acknowledgedPool.push(event);
          break;
      }
    }
  }

  /** Hands out every pending event, oldest first. */
  drain(): readonly NetstackEvent[] {
    const out = this.pending;
    this.pending = this.delivered;
    this.delivered = out;
    return out;
  }

  connected(connection: ConnectionHandle): void {
    const event = this.connectedPool.pop() ?? new Connected();
    event.connection = connection;
    this.pending.push(event);
  }

  disconnected(connection: ConnectionHandle, reason: DisconnectReason): void {
    const event = this.disconnectedPool.pop() ?? new Disconnected();
    event.connection = connection;
    event.reason = reason;
    this.pending.push(event);
  }

  /** A payload packet arrived: its body lies between the header and the tag. */
  message(connection: ConnectionHandle, sequence: number, packet: Uint8Array): void {
    const event = this.messagePool.pop() ?? new Message();
    event.connection = connection;
    event.sequence = sequence;
    event.data = packet;
    event.offset = HEADER_BYTES;
    event.length = packet.length - PACKET_OVERHEAD_BYTES;
    this.pending.push(event);
  }

  acknowledged(connection: ConnectionHandle, sequence: number): void {
    const event = this.acknowledgedPool.pop() ?? new Acknowledged();
    event.connection = connection;
    event.sequence = sequence;
    this.pending.push(event);
  }
}
