/**
 * Snapshots of everything a datagram could change in a server or a client, for the
 * oracle "a dropped datagram changes nothing": the probe records the state before the
 * datagram and compares after, field by field, and names the first field that moved.
 *
 * It reads private fields through the narrow views below (a cast, for tests only; no
 * public API). `assertShape` fails loudly if a refactor renames one, so the probe can
 * never silently compare `undefined` with `undefined`.
 *
 * Left out on purpose: `packetsReceived`, `bytesReceived` and `drops` (a drop counts
 * there), and the server's per-address request rate limiter (a request spends a token
 * from its address's bucket before its token is looked up, whatever becomes of it:
 * that is the limiter's job, and it is no connection's state).
 */
import type { Client } from '../../endpoints/client.js';
import type { Server } from '../../endpoints/server.js';
import type { EndpointMetrics } from '../../monitoring/endpointMetrics.js';

interface ConnectionView {
  nextSequence: number;
  lastSendTime: number;
  lastReceiveTime: number;
  lastVerifiedSequence: number;
  peer: { address: string; port: number };
  received: { latest: number; received: Float64Array };
  sent: {
    latestSent: number;
    newestAck: number;
    judgedUpTo: number;
    sequences: Float64Array;
    sendTimes: Float64Array;
    flags: Uint8Array;
  };
  stats: {
    rtt: number;
    rttVariance: number;
    latestRtt: number;
    packetLoss: number;
    hasRtt: boolean;
  };
  inboundTraffic: unknown;
  inboundHandshake: unknown;
}

interface EventQueueView {
  pending: unknown[];
}

interface SlotView {
  state: 'free' | 'reserved' | 'connected';
  generation: number;
  tokenKey: number;
  expiresAt: number;
  token: Uint8Array;
  connection: ConnectionView | undefined;
}

interface ServerView {
  metrics: EndpointMetrics;
  slots: SlotView[];
  reserved: number;
  connected: number;
  closed: boolean;
  events: EventQueueView;
  byToken: Map<number, unknown>;
  byAddress: { byAddress: Map<string, Map<number, unknown>> };
}

interface ClientView {
  metrics: EndpointMetrics;
  connection: ConnectionView;
  currentState: 'disconnected' | 'connecting' | 'connected';
  generation: number;
  connectStartedAt: number;
  nextRequestAt: number;
  closed: boolean;
  events: EventQueueView;
  token: Uint8Array;
}

/** Where a traversal puts each value: a recorder, or a comparer against the record. */
interface Sink {
  number(name: string, value: number): void;
  text(name: string, value: string): void;
  /** An array, compared byte for byte. */
  raw(name: string, values: Float64Array | Uint8Array): void;
}

const byteViews = new WeakMap<Float64Array | Uint8Array, Uint8Array>();

/** The bytes of a typed array, as a view made once per array. */
function bytesOf(values: Float64Array | Uint8Array): Uint8Array {
  let view = byteViews.get(values);
  if (view === undefined) {
    view = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    byteViews.set(values, view);
  }
  return view;
}

const STATES = { free: 0, reserved: 1, connected: 2, disconnected: 3, connecting: 4 } as const;

class Recorder implements Sink {
  numbers = new Float64Array(1024);
  texts: string[] = [];
  rawBytes = new Uint8Array(1 << 16);
  used = 0;
  textsUsed = 0;
  rawUsed = 0;

  reset(): void {
    this.used = 0;
    this.textsUsed = 0;
    this.rawUsed = 0;
  }

  number(_name: string, value: number): void {
    if (this.used === this.numbers.length) this.grow(1);
    this.numbers[this.used++] = value;
  }

  text(_name: string, value: string): void {
    this.texts[this.textsUsed++] = value;
  }

  raw(_name: string, values: Float64Array | Uint8Array): void {
    const bytes = bytesOf(values);
    if (this.rawUsed + bytes.length > this.rawBytes.length) {
      const bigger = new Uint8Array(
        Math.max(this.rawBytes.length * 2, this.rawUsed + bytes.length),
      );
      bigger.set(this.rawBytes);
      this.rawBytes = bigger;
    }
    this.rawBytes.set(bytes, this.rawUsed);
    this.rawUsed += bytes.length;
  }

  private grow(atLeast: number): void {
    const bigger = new Float64Array(Math.max(this.numbers.length * 2, this.used + atLeast));
    bigger.set(this.numbers);
    this.numbers = bigger;
  }
}

class Comparer implements Sink {
  record!: Recorder;
  at = 0;
  textAt = 0;
  rawAt = 0;
  /** The first field that differs, or undefined. */
  difference: string | undefined;

  start(record: Recorder): void {
    this.record = record;
    this.at = 0;
    this.textAt = 0;
    this.rawAt = 0;
    this.difference = undefined;
  }

  number(name: string, value: number): void {
    const before = this.record.numbers[this.at++];
    if (this.difference === undefined && !Object.is(before, value)) {
      this.difference = `${name}: ${before} → ${value}`;
    }
  }

  text(name: string, value: string): void {
    const before = this.record.texts[this.textAt++];
    if (this.difference === undefined && before !== value) {
      this.difference = `${name}: ${before} → ${value}`;
    }
  }

  raw(name: string, values: Float64Array | Uint8Array): void {
    const bytes = bytesOf(values);
    const base = this.rawAt;
    this.rawAt += bytes.length;
    if (this.difference !== undefined) return;
    const before = this.record.rawBytes.subarray(base, base + bytes.length);
    // memcmp: this comparison is most of the probe's cost.
    if (Buffer.compare(before, bytes) === 0) return;
    const width = values.BYTES_PER_ELEMENT;
    let at = 0;
    while (before[at] === bytes[at]) at++;
    const element = Math.floor(at / width);
    const old = new (values.constructor as Float64ArrayConstructor)(
      before.buffer.slice(
        before.byteOffset + element * width,
        before.byteOffset + (element + 1) * width,
      ),
    )[0];
    this.difference = `${name}[${element}]: ${old} → ${values[element]}`;
  }
}

function visitMetrics(metrics: EndpointMetrics, sink: Sink): void {
  sink.number('metrics.packetsSent', metrics.packetsSent);
  sink.number('metrics.bytesSent', metrics.bytesSent);
  sink.number('metrics.messagesReceived', metrics.messagesReceived);
  sink.number('metrics.messagesSent', metrics.messagesSent);
  sink.number('metrics.messagesAcknowledged', metrics.messagesAcknowledged);
  sink.number('metrics.connectionsOpened', metrics.connectionsOpened);
  sink.number('metrics.reservationsMade', metrics.reservationsMade);
  sink.number('metrics.reservationsExpired', metrics.reservationsExpired);
  for (const reason in metrics.connectionsClosed) {
    sink.number(
      'metrics.connectionsClosed',
      metrics.connectionsClosed[reason as keyof typeof metrics.connectionsClosed],
    );
  }
}

function visitConnection(connection: ConnectionView, sink: Sink): void {
  sink.number('nextSequence', connection.nextSequence);
  sink.number('lastSendTime', connection.lastSendTime);
  sink.number('lastReceiveTime', connection.lastReceiveTime);
  sink.number('lastVerifiedSequence', connection.lastVerifiedSequence);
  sink.text('peer.address', connection.peer.address);
  sink.number('peer.port', connection.peer.port);
  sink.number('keys', (connection.inboundTraffic ? 1 : 0) + (connection.inboundHandshake ? 2 : 0));
  sink.number('replayWindow.latest', connection.received.latest);
  sink.raw('replayWindow.cells', connection.received.received);
  const sent = connection.sent;
  sink.number('sent.latestSent', sent.latestSent);
  sink.number('sent.newestAck', sent.newestAck);
  sink.number('sent.judgedUpTo', sent.judgedUpTo);
  sink.raw('sent.sequences', sent.sequences);
  sink.raw('sent.sendTimes', sent.sendTimes);
  sink.raw('sent.flags (acked set)', sent.flags);
  const stats = connection.stats;
  sink.number('stats.rtt', stats.rtt);
  sink.number('stats.rttVariance', stats.rttVariance);
  sink.number('stats.latestRtt', stats.latestRtt);
  sink.number('stats.packetLoss', stats.packetLoss);
  sink.number('stats.hasRtt', stats.hasRtt ? 1 : 0);
}

function visitServer(server: ServerView, sink: Sink): void {
  visitMetrics(server.metrics, sink);
  sink.number('reservedCount', server.reserved);
  sink.number('connectedCount', server.connected);
  sink.number('closed', server.closed ? 1 : 0);
  sink.number('pending events', server.events.pending.length);
  sink.number('reservations by token', server.byToken.size);
  sink.number('addresses bound', server.byAddress.byAddress.size);
  for (const slot of server.slots) {
    sink.number('slot.state', STATES[slot.state]);
    sink.number('slot.generation', slot.generation);
    sink.number('slot.tokenKey', slot.tokenKey);
    sink.number('slot.expiresAt', slot.expiresAt);
    sink.raw('slot.token', slot.token);
    if (slot.connection !== undefined) {
      assertConnectionShape(slot.connection);
      visitConnection(slot.connection, sink);
    }
  }
}

function visitClient(client: ClientView, sink: Sink): void {
  visitMetrics(client.metrics, sink);
  sink.number('state', STATES[client.currentState]);
  sink.number('generation', client.generation);
  sink.number('connectStartedAt', client.connectStartedAt);
  sink.number('nextRequestAt', client.nextRequestAt);
  sink.number('closed', client.closed ? 1 : 0);
  sink.number('pending events', client.events.pending.length);
  sink.raw('token', client.token);
  visitConnection(client.connection, sink);
}

function assertShape(view: object, path: string, fields: readonly string[]): void {
  for (const field of fields) {
    if (!(field in view)) {
      throw new Error(
        `StateProbe: ${path}.${field} is gone; update the views in stateProbe.ts to the new field names.`,
      );
    }
  }
}

const CONNECTION_FIELDS = [
  'nextSequence',
  'lastSendTime',
  'lastReceiveTime',
  'lastVerifiedSequence',
  'peer',
  'received',
  'sent',
  'stats',
  'inboundTraffic',
  'inboundHandshake',
] as const;

const shapeChecked = new WeakSet<ConnectionView>();

function assertConnectionShape(connection: ConnectionView): void {
  if (shapeChecked.has(connection)) return;
  shapeChecked.add(connection);
  assertShape(connection, 'Connection', CONNECTION_FIELDS);
  assertShape(connection.received, 'ReplayWindow', ['latest', 'received']);
  assertShape(connection.sent, 'SentPackets', [
    'latestSent',
    'newestAck',
    'judgedUpTo',
    'sequences',
    'sendTimes',
    'flags',
  ]);
  assertShape(connection.stats, 'LinkStats', ['rtt', 'hasRtt']);
}

/**
 * Records an endpoint's whole observable state, and tells whether it is still the
 * same. One probe per endpoint; `record` then `changed`, around one datagram.
 */
export class StateProbe {
  private readonly before = new Recorder();
  private readonly comparer = new Comparer();
  private readonly visit: (sink: Sink) => void;

  private constructor(visit: (sink: Sink) => void) {
    this.visit = visit;
  }

  static ofServer(server: Server): StateProbe {
    const view = server as unknown as ServerView;
    assertShape(view, 'Server', [
      'slots',
      'reserved',
      'connected',
      'closed',
      'events',
      'byToken',
      'byAddress',
    ]);
    assertShape(view.events, 'EventQueue', ['pending']);
    assertShape(view.byAddress, 'AddressIndex', ['byAddress']);
    assertShape(view.slots[0]!, 'Slot', ['state', 'generation', 'tokenKey', 'expiresAt', 'token']);
    return new StateProbe((sink) => visitServer(view, sink));
  }

  static ofClient(client: Client): StateProbe {
    const view = client as unknown as ClientView;
    assertShape(view, 'Client', [
      'connection',
      'currentState',
      'generation',
      'connectStartedAt',
      'nextRequestAt',
      'closed',
      'events',
      'token',
    ]);
    assertConnectionShape(view.connection);
    return new StateProbe((sink) => visitClient(view, sink));
  }

  /** Records the state now. */
  record(): void {
    this.before.reset();
    this.visit(this.before);
  }

  /** The first field that differs from the record (`name: before → after`), or undefined. */
  changed(): string | undefined {
    this.comparer.start(this.before);
    this.visit(this.comparer);
    return this.comparer.difference;
  }
}
