import type { Connection } from '../connection/connection.js';
import type { Client } from '../endpoints/client.js';
import type { ConnectionHandle } from '../endpoints/connectionHandle.js';
import type { Server } from '../endpoints/server.js';
import { clientConnection, serverConnection } from './observableState.js';

/**
 * Moves one direction of a connection on, as if `next - 1` packets had gone that way
 * and the last of them had arrived: the sender numbers its next packet `next`, and the
 * receiver's replay window and the sender's ack expansion stand at `next - 1`. Nothing
 * else changes (no packet is marked received or acknowledged), so a test can run a live
 * connection at sequence numbers that would take centuries to reach.
 */
export function jumpDirection(sender: Connection, receiver: Connection, next: number): void {
  if (!Number.isSafeInteger(next) || next <= sender.nextSequence) {
    throw new Error(`jump to ${next}: must be a safe integer above ${sender.nextSequence}`);
  }
  sender.nextSequence = next;
  sender.sent.latestSent = next - 1;
  receiver.received.latest = next - 1;
}

/** Both directions of a server's connection and its client jump to `next`. */
export function jumpSequences(
  server: Server,
  handle: ConnectionHandle,
  client: Client,
  next: number,
): void {
  const atServer = serverConnection(server, handle);
  const atClient = clientConnection(client);
  jumpDirection(atServer, atClient, next);
  jumpDirection(atClient, atServer, next);
}

/**
 * Only the sender skips ahead to `next` (its peer's window stays where it is), as if the
 * packets between had all been lost: to send a genuine packet far ahead of the window.
 */
export function skipSending(sender: Connection, next: number): void {
  if (!Number.isSafeInteger(next) || next <= sender.nextSequence) {
    throw new Error(`skip to ${next}: must be a safe integer above ${sender.nextSequence}`);
  }
  sender.nextSequence = next;
}
