import { expect } from 'vitest';
import type { Client } from '../endpoints/client.js';
import type { PeerAddress } from '../transport/transport.js';
import { dropsSince, observe } from './observableState.js';
import { capture } from './packets.js';
import { SERVER_ADDRESS, type Session } from './session.js';

/** The drops an attack caused, by reason, at the server and at each defending client. */
export interface AttackOutcome {
  readonly server: Record<string, number>;
  readonly clients: Record<string, number>[];
}

/**
 * Runs `attack` with the session's clock stopped and asserts that it changed nothing:
 * every observable field of the server and of the `defenders` (default: every session
 * client) is as before, no event was emitted, and no defender sent a single datagram
 * (so no reply of any size). Everything due at `now` ran before the attack, so the one
 * update after it processes only the attack's datagrams. Returns the drops it caused.
 */
export function expectNoEffect(
  session: Session,
  attack: () => void,
  defenders: readonly Client[] = session.clients,
): AttackOutcome {
  session.updateAll();
  session.updateAll();
  const before = observe(session.server, ...defenders);
  const events = eventCounts(session);
  const serverDrops = { ...session.server.metrics.drops };
  const clientDrops = defenders.map((client) => ({ ...client.metrics.drops }));
  const defending = new Set([key(SERVER_ADDRESS), ...defenders.map((c) => clientKey(session, c))]);
  const sent = capture(session.network);

  attack();
  session.updateAll();
  sent.stop();

  expect(observe(session.server, ...defenders)).toEqual(before);
  expect(eventCounts(session)).toEqual(events);
  expect(
    sent.filter((d) => defending.has(key(d.from))).map((d) => `${d.kind}:${d.bytes.length}`),
  ).toEqual([]);
  return {
    server: dropsSince(session.server.metrics, serverDrops),
    clients: defenders.map((client, i) => dropsSince(client.metrics, clientDrops[i]!)),
  };
}

function eventCounts(session: Session): number[] {
  return [session.serverEvents.length, ...session.clientEvents.map((events) => events.length)];
}

function key(at: PeerAddress): string {
  return `${at.address}|${at.port}`;
}

/** The address Session gives its i-th client. */
export function clientAddress(index: number): PeerAddress {
  return { address: `client-${index}`, port: 5000 + index };
}

function clientKey(session: Session, client: Client): string {
  return key(clientAddress(session.clients.indexOf(client)));
}
