import type { Client } from '../../endpoints/client.js';
import type { ConnectionHandle } from '../../endpoints/connectionHandle.js';
import type { SecurityMode } from '../../security/securityMode.js';
import type { InjectingTransport } from './injectingTransport.js';
import type { StateProbe } from './stateProbe.js';
import type { Stream } from './trafficLedger.js';

/**
 * - `stable`: connects before the fuzzing starts and talks until the end; it must never
 *   see a connect or disconnect event after that.
 * - `pending`: holds a reservation whose requests the network loses, so forged requests
 *   with its token reach the tag check; its reservation lapses and its client times out,
 *   then it starts again with fresh credentials.
 * - `churn`: connects during the fuzzing, talks, falls quiet and leaves (or is sent
 *   away, or is denied for running the other security mode), so disconnects, denials
 *   and fresh requests keep passing by.
 */
export type ActorRole = 'stable' | 'pending' | 'churn';

export type ActorPhase = 'connecting' | 'talking' | 'quiet' | 'leaving' | 'done';

export interface ActorPlan {
  readonly mode: SecurityMode;
  readonly leaveBy: 'client' | 'server' | 'never';
  readonly talkTicks: number;
  /** Chance per tick that each side sends a payload while talking. */
  readonly sendChance: number;
}

/** Something that receives datagrams, with what the fuzzer needs to watch it. */
export interface Endpoint {
  readonly name: string;
  readonly transport: InjectingTransport;
  probe: StateProbe;
  drops: Record<string, number>;
  alive: boolean;
}

/** A legitimate client of the fuzzed server, and what its events may be. */
export class Actor {
  phase: ActorPhase = 'connecting';
  phaseTicks = 0;
  handle = 0 as ConnectionHandle;
  /** Connect and disconnect events the server may still emit for this actor. */
  readonly serverExpects: string[] = [];
  /** Connect and disconnect events the client may still emit. */
  readonly clientExpects: string[] = [];
  serverConnected = false;
  clientConnected = false;

  readonly role: ActorRole;
  readonly plan: ActorPlan;
  readonly client: Client;
  readonly endpoint: Endpoint;
  readonly streams: { readonly up: Stream; readonly down: Stream };

  constructor(parts: {
    role: ActorRole;
    plan: ActorPlan;
    client: Client;
    endpoint: Endpoint;
    streams: { readonly up: Stream; readonly down: Stream };
  }) {
    this.role = parts.role;
    this.plan = parts.plan;
    this.client = parts.client;
    this.endpoint = parts.endpoint;
    this.streams = parts.streams;
  }

  enter(phase: ActorPhase): void {
    this.phase = phase;
    this.phaseTicks = 0;
  }

  /** Consumes `event` from `expected`; a reason why not when it was not expected. */
  static expect(expected: string[], event: string): string | undefined {
    const at = expected.indexOf(event);
    if (at < 0) return `${event} (expected: ${expected.join(', ') || 'none'})`;
    expected.splice(at, 1);
    return undefined;
  }
}
