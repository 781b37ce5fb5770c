import type { DisconnectReason } from '../connection/disconnectReason.js';
import type { ConnectionHandle } from './connectionHandle.js';

/** A connection is up: the server bound a client, or the client heard the server accept. */
export interface ConnectedEvent {
  readonly type: 'connected';
  readonly connection: ConnectionHandle;
}

/** A connection ended; `reason` says why. Its handle is stale from now on. */
export interface DisconnectedEvent {
  readonly type: 'disconnected';
  readonly connection: ConnectionHandle;
  readonly reason: DisconnectReason;
}

/**
 * A payload arrived, at most once per packet. The bytes are `data[offset, offset +
 * length)`, inside the received datagram: decode them in place with a `Reader`, or
 * take `payload` (a view, made when you ask for it).
 */
export interface MessageEvent {
  readonly type: 'message';
  readonly connection: ConnectionHandle;
  /** The sender's sequence number for this packet. */
  readonly sequence: number;
  readonly data: Uint8Array;
  readonly offset: number;
  readonly length: number;
  /** `data.subarray(offset, offset + length)`. */
  readonly payload: Uint8Array;
}

/**
 * The peer received the payload packet that `send` numbered `sequence`. Reported at
 * most once per packet, and only for packets the peer really received; packets never
 * acknowledged are lost (netstack does not resend: send fresh state instead).
 */
export interface MessageAcknowledgedEvent {
  readonly type: 'messageAcknowledged';
  readonly connection: ConnectionHandle;
  readonly sequence: number;
}

/** What `update(now)` returns, oldest first. */
export type NetstackEvent =
  | ConnectedEvent
  | DisconnectedEvent
  | MessageEvent
  | MessageAcknowledgedEvent;
