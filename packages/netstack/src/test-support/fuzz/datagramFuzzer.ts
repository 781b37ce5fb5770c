/**
 * A seeded mutation fuzzer aimed at a server with live connected clients.
 *
 * One world: a `Server`, four stable clients that talk all run long, a client whose
 * reservation stays pending, and clients that come, talk and go (or are denied), on a
 * `MemoryNetwork` with 20 ± 10 ms latency and no loss. Every genuine datagram is
 * captured from the network's tap; each fuzz input is a mutant of one (bit flips, byte
 * sets, truncation, extension, splices of header/body/tag between packets, duplicated
 * or zeroed ranges, rewritten header fields, random lengths from 0 to past
 * `maxPacketBytes`), a pure random datagram, or an exact replay of a delivered packet.
 * It goes to the server or to a client, from the rightful sender's address, another
 * client's, the server's own, or an unknown one, mixed in among the genuine datagrams
 * of the receiver's next poll, while the legitimate traffic goes on.
 *
 * The oracles, checked at every input and every event:
 * - **crashes**: no exception escapes an endpoint;
 * - **accepted forgeries**: every input is dropped (none can verify without a key);
 * - **state changes**: a dropped input changes nothing observable in the endpoint that
 *   received it (see `StateProbe`) and makes it send nothing;
 * - **unexpected events**: every event is explained by the legitimate traffic (the
 *   `TrafficLedger` for messages and acks, each actor's plan for connects and
 *   disconnects);
 * - **lost messages**: every legitimate message is delivered, exactly once.
 *
 * Everything random comes from the seed (credentials too), so a seed replays a run,
 * input for input; the report's digest proves it.
 */
import { Client } from '../../endpoints/client.js';
import type { NetstackEvent } from '../../endpoints/events.js';
import { maxPayloadBytes } from '../../endpoints/options.js';
import { Server } from '../../endpoints/server.js';
import { DROP_REASONS } from '../../monitoring/dropReason.js';
import type { SecurityMode } from '../../security/securityMode.js';
import { MemoryNetwork } from '../../testing/memoryNetwork.js';
import type { DatagramVisitor, PeerAddress } from '../../transport/transport.js';
import { Corpus } from './corpus.js';
import { Digest } from './digest.js';
import { Actor, type ActorPlan, type ActorRole, type Endpoint } from './fuzzActor.js';
import { FuzzRandom } from './fuzzRandom.js';
import { InjectingTransport, type Injection } from './injectingTransport.js';
import { InputMaker, key } from './inputMaker.js';
import { StateProbe } from './stateProbe.js';
import { TrafficLedger } from './trafficLedger.js';

export interface DatagramFuzzOptions {
  /** Seeds every decision of the run. */
  readonly seed: number;
  /** The security mode of the server and of the clients that match it. */
  readonly securityMode: SecurityMode;
  /** Inputs to try. */
  readonly count: number;
  /** Inputs per simulated 10 ms tick. @default 48 */
  readonly inputsPerTick?: number;
  /** Called every `progressEvery` inputs with the figures so far. */
  readonly onProgress?: (report: DatagramFuzzReport) => void;
  /** @default 100_000 */
  readonly progressEvery?: number;
  /** Findings kept with their details (all are counted). @default 20 */
  readonly keepFindings?: number;
}

export type FindingKind =
  | 'crash'
  | 'accepted-forgery'
  | 'state-change'
  | 'unexpected-event'
  | 'lost-message'
  | 'missing-event';

export interface FuzzFinding {
  readonly kind: FindingKind;
  /** The input's number (from 0), or -1 when no single input is to blame. */
  readonly input: number;
  readonly detail: string;
}

export interface DatagramFuzzReport {
  readonly seed: number;
  readonly securityMode: SecurityMode;
  readonly inputs: number;
  readonly toServer: number;
  readonly toClients: number;
  readonly fromUnknownAddresses: number;
  readonly crashes: number;
  readonly acceptedForgeries: number;
  readonly stateChanges: number;
  readonly unexpectedEvents: number;
  readonly missingEvents: number;
  readonly messagesSent: number;
  readonly messagesDelivered: number;
  readonly messagesAcknowledged: number;
  readonly messagesLost: number;
  /** Clients that came and went (or were denied) while the fuzzing went on. */
  readonly churnedClients: number;
  /** Reservations that lapsed and were made anew. */
  readonly cycledReservations: number;
  /** How the inputs ended: drop reasons (and `accepted`, which must stay 0). */
  readonly outcomes: Record<string, number>;
  /** What the inputs were made from: a captured kind (`payload↑`), `random`, `replay …`. */
  readonly origins: Record<string, number>;
  readonly simulatedSeconds: number;
  /** A hash of every input and event: equal for equal seeds. */
  readonly digest: string;
  readonly findings: readonly FuzzFinding[];
}

const TICK = 10;
const SERVER_ADDRESS: PeerAddress = { address: 'server', port: 40000 };
const STABLE_SEND_CHANCES = [0.6, 0.6, 0.3, 0.02];
const QUIET_TICKS = 5;
const STUCK_TICKS = 2_500;

function otherMode(mode: SecurityMode): SecurityMode {
  return mode === 'sign' ? 'encrypt' : 'sign';
}

function hex(bytes: Uint8Array, max = 96): string {
  const shown = Array.from(bytes.subarray(0, max), (b) => b.toString(16).padStart(2, '0'));
  return `${shown.join('')}${bytes.length > max ? '…' : ''} (${bytes.length} bytes)`;
}

export class DatagramFuzzer {
  private readonly options: Required<Omit<DatagramFuzzOptions, 'onProgress'>> &
    Pick<DatagramFuzzOptions, 'onProgress'>;
  private readonly random: FuzzRandom;
  private readonly inputs: FuzzRandom;
  private readonly traffic: FuzzRandom;
  private readonly credentials: FuzzRandom;
  private readonly network: MemoryNetwork;
  private readonly server: Server;
  private readonly serverEndpoint: Endpoint;
  private readonly ledger: TrafficLedger;
  private readonly maker: InputMaker;
  private readonly digest = new Digest();
  private readonly maxPacketBytes = 1200;
  private readonly actors: Actor[] = [];
  private readonly byHandle = new Map<number, Actor>();
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly dropsBefore = new Float64Array(DROP_REASONS.length);
  private readonly findings: FuzzFinding[] = [];
  private readonly outcomes: Record<string, number> = {};
  private readonly counts = {
    inputs: 0,
    toServer: 0,
    toClients: 0,
    fromUnknown: 0,
    crashes: 0,
    acceptedForgeries: 0,
    stateChanges: 0,
    unexpectedEvents: 0,
    missingEvents: 0,
    messagesLost: 0,
    churned: 0,
    cycled: 0,
  };
  private now = 0;
  private tick = 0;
  private sends = 0;
  private talking = true;
  private churnIndex = 0;
  private nextChurnAt = 0;

  constructor(options: DatagramFuzzOptions) {
    this.options = {
      inputsPerTick: 48,
      progressEvery: 100_000,
      keepFindings: 20,
      ...options,
    };
    this.random = new FuzzRandom(options.seed);
    this.inputs = this.random.fork();
    this.traffic = this.random.fork();
    this.credentials = this.random.fork();
    const corpus = new Corpus(this.random.fork());
    this.ledger = new TrafficLedger(this.random.u32(), maxPayloadBytes(this.maxPacketBytes));
    this.network = new MemoryNetwork({
      seed: this.random.u32(),
      conditions: { latency: 20, jitter: 10 },
    });
    this.serverEndpoint = this.endpoint('server', SERVER_ADDRESS);
    this.server = new Server({
      transport: this.serverEndpoint.transport,
      securityMode: options.securityMode,
      maxConnections: 8,
      maxPacketBytes: this.maxPacketBytes,
    });
    this.serverEndpoint.probe = StateProbe.ofServer(this.server);
    this.serverEndpoint.drops = this.server.metrics.drops;
    this.maker = new InputMaker(this.inputs, corpus, {
      server: SERVER_ADDRESS,
      serverEndpoint: this.serverEndpoint,
      endpoints: this.endpoints,
      actors: this.actors,
      maxPacketBytes: this.maxPacketBytes,
    });
    this.network.taps.push((bytes, from, to) => {
      this.sends++;
      this.maker.observe(bytes, from, to, this.tick);
    });
  }

  /** Runs the whole fuzz: warm-up, `count` inputs among live traffic, drain; the figures. */
  run(): DatagramFuzzReport {
    this.warmUp();
    const { count, inputsPerTick, progressEvery, onProgress } = this.options;
    let nextProgress = progressEvery;
    while (this.counts.inputs < count) {
      const inputs = Math.min(inputsPerTick, count - this.counts.inputs);
      this.step(inputs);
      if (onProgress !== undefined && this.counts.inputs >= nextProgress) {
        nextProgress += progressEvery;
        onProgress(this.report());
      }
    }
    this.drain();
    return this.report();
  }

  // ─── the world ──────────────────────────────────────────────────────────────

  private endpoint(name: string, address: PeerAddress): Endpoint {
    const inner = this.network.bind(address);
    const endpoint: Endpoint = {
      name,
      transport: new InjectingTransport(inner, (injection, visit) =>
        this.deliver(endpoint, injection, visit),
      ),
      probe: undefined as unknown as StateProbe,
      drops: {},
      alive: true,
    };
    this.endpoints.set(key(address), endpoint);
    return endpoint;
  }

  private addActor(role: ActorRole, plan: ActorPlan, address: PeerAddress): Actor {
    const endpoint = this.endpoint(`${role} ${address.address}`, address);
    const client = new Client({
      transport: endpoint.transport,
      securityMode: plan.mode,
      maxPacketBytes: this.maxPacketBytes,
    });
    endpoint.probe = StateProbe.ofClient(client);
    endpoint.drops = client.metrics.drops;
    const actor = new Actor({
      role,
      plan,
      client,
      endpoint,
      streams: { up: this.ledger.stream(), down: this.ledger.stream() },
    });
    this.actors.push(actor);
    this.connect(actor);
    return actor;
  }

  /** Reserves a slot with fresh credentials and starts the client connecting. */
  private connect(actor: Actor): void {
    const secret = this.credentials.bytes(32);
    const token = this.credentials.bytes(32);
    const reserved = this.server.reserve(secret, token);
    if (!reserved.ok) throw new Error(`fuzzer: cannot reserve: ${reserved.error.message}`);
    actor.handle = reserved.handle;
    this.byHandle.set(reserved.handle, actor);
    actor.client.connect(SERVER_ADDRESS, secret, token);
    actor.serverConnected = false;
    actor.clientConnected = false;
    actor.enter('connecting');
    if (actor.role === 'pending') {
      actor.serverExpects.push('disconnected:reservation-expired');
      actor.clientExpects.push('disconnected:connect-timed-out');
    } else if (actor.plan.mode !== this.options.securityMode) {
      actor.serverExpects.push('disconnected:denied-security-mode');
      actor.clientExpects.push('disconnected:denied-security-mode');
    } else {
      actor.serverExpects.push('connected');
      actor.clientExpects.push('connected');
    }
  }

  private addChurn(plan: Partial<ActorPlan> = {}): Actor {
    const random = this.traffic;
    const n = this.churnIndex++;
    return this.addActor(
      'churn',
      {
        mode: random.chance(0.2) ? otherMode(this.options.securityMode) : this.options.securityMode,
        leaveBy: random.chance(0.5) ? 'client' : 'server',
        talkTicks: random.between(10, 80),
        sendChance: 0.5,
        ...plan,
      },
      { address: `churn-${n}`, port: 6000 + (n % 1000) },
    );
  }

  /** Stable clients connected, a pending reservation, and one of each kind of churn done. */
  private warmUp(): void {
    const mode = this.options.securityMode;
    STABLE_SEND_CHANCES.forEach((sendChance, i) => {
      this.addActor(
        'stable',
        { mode, leaveBy: 'never', talkTicks: Number.POSITIVE_INFINITY, sendChance },
        { address: `client-${i}`, port: 5000 + i },
      );
    });
    const pendingAddress = { address: 'pending', port: 5900 };
    this.network.setConditions({ loss: 1 }, pendingAddress, SERVER_ADDRESS);
    this.addActor(
      'pending',
      { mode, leaveBy: 'never', talkTicks: 0, sendChance: 0 },
      pendingAddress,
    );
    this.addChurn({ mode, leaveBy: 'client', talkTicks: 10 });
    this.addChurn({ mode, leaveBy: 'server', talkTicks: 10 });
    this.addChurn({ mode: otherMode(mode), leaveBy: 'client', talkTicks: 10 });
    for (let i = 0; i < 1_000 && this.actors.some((a) => a.role === 'churn'); i++) this.step(0);
    if (
      this.actors.some((a) => a.role === 'churn' || (a.role === 'stable' && a.phase !== 'talking'))
    ) {
      throw new Error('fuzzer: the warm-up did not settle; the world is broken before any input');
    }
    this.nextChurnAt = this.tick + 20;
  }

  /** One tick: legitimate sends, `inputs` injections, every endpoint updated, lives moved on. */
  private step(inputs: number): void {
    this.tick++;
    this.now += TICK;
    if (this.talking) this.talk();
    for (let i = 0; i < inputs; i++) this.inject();
    this.updateServer();
    for (const actor of this.actors) this.updateClient(actor);
    this.advanceLives();
  }

  private talk(): void {
    const random = this.traffic;
    for (const actor of this.actors) {
      // A connection the fuzz broke (a finding already) sends no more.
      if (
        actor.phase !== 'talking' ||
        actor.client.state !== 'connected' ||
        !this.server.isConnected(actor.handle)
      ) {
        continue;
      }
      const { up, down } = actor.streams;
      if (random.chance(actor.plan.sendChance)) {
        this.ledger.send(up, (payload, length) => actor.client.send(payload, length));
      }
      if (random.chance(actor.plan.sendChance)) {
        this.ledger.send(down, (payload, length) =>
          this.server.send(actor.handle, payload, length),
        );
      }
      if (this.tick % 256 === 0) {
        this.ledger.prune(up);
        this.ledger.prune(down);
      }
    }
  }

  private advanceLives(): void {
    for (const actor of this.actors.slice()) {
      actor.phaseTicks++;
      switch (actor.phase) {
        case 'connecting':
          if (actor.serverExpects.length === 0 && actor.clientExpects.length === 0) {
            if (actor.serverConnected && actor.clientConnected) actor.enter('talking');
            else this.finish(actor);
          }
          break;
        case 'talking':
          if (actor.phaseTicks >= actor.plan.talkTicks) actor.enter('quiet');
          break;
        case 'quiet':
          if (actor.phaseTicks >= QUIET_TICKS) this.leave(actor);
          break;
        case 'leaving':
          if (actor.serverExpects.length === 0 && actor.clientExpects.length === 0) {
            this.finish(actor);
          }
          break;
        case 'done':
          break;
      }
      if (actor.phase !== 'done' && actor.phase !== 'talking' && actor.phaseTicks > STUCK_TICKS) {
        this.finding(
          'missing-event',
          -1,
          `${actor.endpoint.name} stuck ${actor.phase}: server still expects [${actor.serverExpects}], client [${actor.clientExpects}]`,
        );
        this.counts.missingEvents++;
        actor.serverExpects.length = 0;
        actor.clientExpects.length = 0;
        this.finish(actor);
      }
    }
    if (
      this.talking &&
      this.tick >= this.nextChurnAt &&
      !this.actors.some((a) => a.role === 'churn')
    ) {
      this.addChurn();
    }
  }

  private leave(actor: Actor): void {
    actor.enter('leaving');
    if (actor.plan.leaveBy === 'client') {
      actor.clientExpects.push('disconnected:closed');
      actor.serverExpects.push('disconnected:closed-by-peer');
      actor.client.disconnect();
    } else {
      actor.serverExpects.push('disconnected:closed');
      actor.clientExpects.push('disconnected:closed-by-peer');
      this.server.disconnect(actor.handle);
    }
  }

  /** An actor's connection is over: check its messages all arrived, then start anew or retire. */
  private finish(actor: Actor): void {
    this.byHandle.delete(actor.handle);
    this.countLost(actor);
    if (actor.role === 'pending') {
      this.counts.cycled++;
      this.connect(actor);
      return;
    }
    actor.enter('done');
    actor.endpoint.alive = false;
    actor.client.close();
    this.endpoints.delete(key(actor.endpoint.transport.address));
    this.actors.splice(this.actors.indexOf(actor), 1);
    if (actor.role === 'churn') {
      this.counts.churned++;
      this.nextChurnAt = this.tick + this.traffic.between(10, 100);
    }
  }

  private countLost(actor: Actor): void {
    const lost = actor.streams.up.outstanding.size + actor.streams.down.outstanding.size;
    if (lost > 0) {
      this.counts.messagesLost += lost;
      this.finding('lost-message', -1, `${actor.endpoint.name}: ${lost} messages never delivered`);
    }
    actor.streams.up.outstanding.clear();
    actor.streams.down.outstanding.clear();
  }

  /** After the last input: no more sends, time for every message in flight to land. */
  private drain(): void {
    this.talking = false;
    for (let i = 0; i < 20; i++) this.step(0);
    for (const actor of this.actors) {
      if (actor.role === 'stable') {
        if (actor.client.state !== 'connected' || !this.server.isConnected(actor.handle)) {
          this.counts.missingEvents++;
          this.finding('missing-event', -1, `${actor.endpoint.name} is no longer connected`);
        }
        this.countLost(actor);
      }
    }
  }

  // ─── updates and events ─────────────────────────────────────────────────────

  private updateServer(): void {
    let events: readonly NetstackEvent[];
    try {
      events = this.server.update(this.now);
    } catch (error) {
      this.crash(-1, 'server.update', error);
      return;
    }
    for (const event of events) {
      this.digestEvent(0, event);
      const actor = this.byHandle.get(event.connection);
      if (actor === undefined) {
        this.unexpected(
          `server: ${event.type} for handle ${event.connection}, which no client holds`,
        );
        continue;
      }
      let verdict: string | undefined;
      switch (event.type) {
        case 'message':
          verdict = this.ledger.delivered(actor.streams.up, event.sequence, event.payload);
          break;
        case 'messageAcknowledged':
          verdict = this.ledger.acknowledged(actor.streams.down, event.sequence);
          break;
        case 'connected':
          verdict = Actor.expect(actor.serverExpects, 'connected');
          if (verdict === undefined) actor.serverConnected = true;
          break;
        case 'disconnected':
          verdict = Actor.expect(actor.serverExpects, `disconnected:${event.reason}`);
          break;
      }
      if (verdict !== undefined) this.unexpected(`server, ${actor.endpoint.name}: ${verdict}`);
    }
  }

  private updateClient(actor: Actor): void {
    let events: readonly NetstackEvent[];
    try {
      events = actor.client.update(this.now);
    } catch (error) {
      this.crash(-1, `${actor.endpoint.name}.update`, error);
      return;
    }
    for (const event of events) {
      this.digestEvent(1 + actor.streams.up.id, event);
      if (event.connection !== actor.client.handle) {
        this.unexpected(`${actor.endpoint.name}: ${event.type} for an old handle`);
        continue;
      }
      let verdict: string | undefined;
      switch (event.type) {
        case 'message':
          verdict = this.ledger.delivered(actor.streams.down, event.sequence, event.payload);
          break;
        case 'messageAcknowledged':
          verdict = this.ledger.acknowledged(actor.streams.up, event.sequence);
          break;
        case 'connected':
          verdict = Actor.expect(actor.clientExpects, 'connected');
          if (verdict === undefined) actor.clientConnected = true;
          break;
        case 'disconnected':
          verdict = Actor.expect(actor.clientExpects, `disconnected:${event.reason}`);
          break;
      }
      if (verdict !== undefined) this.unexpected(`${actor.endpoint.name}: ${verdict}`);
    }
  }

  private digestEvent(endpoint: number, event: NetstackEvent): void {
    const digest = this.digest;
    digest.number(endpoint);
    digest.text(event.type);
    if (event.type === 'message' || event.type === 'messageAcknowledged') {
      digest.number(event.sequence);
    }
  }

  // ─── inputs ─────────────────────────────────────────────────────────────────

  /** Makes one input and queues it at its receiver. */
  private inject(): void {
    const { receiver, injection } = this.maker.make(this.counts.inputs++, this.tick);
    this.queue(receiver, injection);
  }

  private queue(receiver: Endpoint, injection: Injection): void {
    if (receiver === this.serverEndpoint) this.counts.toServer++;
    else this.counts.toClients++;
    if (!this.endpoints.has(key(injection.from)) && injection.from !== SERVER_ADDRESS) {
      this.counts.fromUnknown++;
    }
    this.digest.bytes(injection.bytes);
    receiver.transport.inject(injection);
  }

  /**
   * Hands one input to its endpoint, between snapshots: it must throw nothing, be
   * dropped, and leave the endpoint as it was, having sent nothing.
   */
  private deliver(endpoint: Endpoint, injection: Injection, visit: DatagramVisitor): void {
    const drops = endpoint.drops;
    const before = this.dropsBefore;
    for (let i = 0; i < DROP_REASONS.length; i++) before[i] = drops[DROP_REASONS[i]!]!;
    endpoint.probe.record();
    const sendsBefore = this.sends;
    try {
      visit(injection.bytes, injection.from);
    } catch (error) {
      this.crash(injection.index, `${endpoint.name} receiving ${this.describe(injection)}`, error);
      return;
    }
    let reason = -1;
    for (let i = 0; i < DROP_REASONS.length; i++) {
      if (drops[DROP_REASONS[i]!] !== before[i]) reason = i;
    }
    this.digest.number(reason);
    if (reason < 0) {
      this.outcomes.accepted = (this.outcomes.accepted ?? 0) + 1;
      this.counts.acceptedForgeries++;
      this.finding(
        'accepted-forgery',
        injection.index,
        `${endpoint.name} accepted ${this.describe(injection)}`,
      );
      return;
    }
    const outcome = DROP_REASONS[reason]!;
    this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1;
    const changed =
      endpoint.probe.changed() ??
      (this.sends === sendsBefore ? undefined : `sent ${this.sends - sendsBefore} datagrams`);
    if (changed !== undefined) {
      this.counts.stateChanges++;
      this.finding(
        'state-change',
        injection.index,
        `${endpoint.name} dropped (${outcome}) ${this.describe(injection)} but changed: ${changed}`,
      );
    }
  }

  private describe(injection: Injection): string {
    return `input ${injection.index} [${injection.origin}] from ${injection.from.address}:${injection.from.port}: ${hex(injection.bytes)}`;
  }

  // ─── findings and figures ───────────────────────────────────────────────────

  private crash(input: number, where: string, error: unknown): void {
    this.counts.crashes++;
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.finding('crash', input, `${where}: ${stack}`);
  }

  private unexpected(detail: string): void {
    this.counts.unexpectedEvents++;
    this.finding('unexpected-event', -1, `tick ${this.tick}: ${detail}`);
  }

  private finding(kind: FindingKind, input: number, detail: string): void {
    if (this.findings.length < this.options.keepFindings)
      this.findings.push({ kind, input, detail });
  }

  private report(): DatagramFuzzReport {
    const c = this.counts;
    const ledger = this.ledger.figures;
    return {
      seed: this.options.seed,
      securityMode: this.options.securityMode,
      inputs: c.inputs,
      toServer: c.toServer,
      toClients: c.toClients,
      fromUnknownAddresses: c.fromUnknown,
      crashes: c.crashes,
      acceptedForgeries: c.acceptedForgeries,
      stateChanges: c.stateChanges,
      unexpectedEvents: c.unexpectedEvents,
      missingEvents: c.missingEvents,
      messagesSent: ledger.messagesSent,
      messagesDelivered: ledger.messagesDelivered,
      messagesAcknowledged: ledger.messagesAcknowledged,
      messagesLost: c.messagesLost,
      churnedClients: c.churned,
      cycledReservations: c.cycled,
      outcomes: { ...this.outcomes },
      origins: { ...this.maker.origins },
      simulatedSeconds: this.now / 1000,
      digest: this.digest.value,
      findings: this.findings.slice(),
    };
  }
}
