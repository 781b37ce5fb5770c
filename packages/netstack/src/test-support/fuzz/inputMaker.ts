/**
 * The datagram fuzzer's inputs: what each is made from (a mutant of a captured packet, a
 * random datagram, an exact replay), where it goes and whom it claims to come from.
 */
import { HEADER_BYTES, readTruncatedSequence } from '../../packets/header.js';
import type { PeerAddress } from '../../transport/transport.js';
import { type Captured, type Corpus, labelOf } from './corpus.js';
import type { Actor, Endpoint } from './fuzzActor.js';
import type { FuzzRandom } from './fuzzRandom.js';
import type { Injection } from './injectingTransport.js';
import { type MutationContext, mutate, randomDatagram, writeSequence } from './mutators.js';

/** Ticks a packet may spend in flight (latency 20 + jitter 10 ms) plus a margin. */
const DELIVERED_AFTER_TICKS = 5;

/** What the inputs are aimed at: the fuzzer's world, read as it changes. */
export interface InputWorld {
  readonly server: PeerAddress;
  readonly serverEndpoint: Endpoint;
  /** Every live endpoint, by `key(address)`. */
  readonly endpoints: ReadonlyMap<string, Endpoint>;
  readonly actors: readonly Actor[];
  readonly maxPacketBytes: number;
}

/** One input, addressed. */
export interface MadeInput {
  readonly receiver: Endpoint;
  readonly injection: Injection;
}

export function key(address: PeerAddress): string {
  return `${address.address}|${address.port}`;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class InputMaker {
  /** What the inputs were made from: a captured kind (`payload↑`), `random`, `replay …`. */
  readonly origins: Record<string, number> = {};
  private readonly usedOthers: Uint8Array[] = [];
  /** The 13-bit sequence each sender last sent each receiver, by `from>receiver`. */
  private readonly latestSequences = new Map<string, number>();
  private readonly mutation: MutationContext;

  constructor(
    private readonly random: FuzzRandom,
    private readonly corpus: Corpus,
    private readonly world: InputWorld,
  ) {
    this.mutation = {
      random,
      maxPacketBytes: world.maxPacketBytes,
      other: () => {
        const other = this.corpus.pick().bytes;
        this.usedOthers.push(other);
        return other;
      },
    };
  }

  /** A genuine datagram sent on the network during `tick`: material for inputs. */
  observe(bytes: Uint8Array, from: PeerAddress, to: PeerAddress, tick: number): void {
    const receiver = this.world.endpoints.get(key(to));
    if (receiver !== undefined && bytes.length >= HEADER_BYTES) {
      this.latestSequences.set(`${key(from)}>${receiver.name}`, readTruncatedSequence(bytes));
    }
    const server = this.world.server;
    const towardsServer = to.address === server.address && to.port === server.port;
    this.corpus.add({
      // A copy: the receiver decrypts in place (encrypt mode) what the network hands it.
      bytes: bytes.slice(),
      from,
      to,
      tick,
      label: labelOf(bytes, towardsServer),
      lost: towardsServer && from.address === 'pending',
    });
  }

  /** Input number `index`, made during `tick`. */
  make(index: number, tick: number): MadeInput {
    const random = this.random;
    const roll = random.next();
    let bytes: Uint8Array;
    let origin: string;
    let source: Captured | undefined;
    if (roll < 0.1) {
      bytes = randomDatagram(random, this.world.maxPacketBytes);
      origin = 'random';
    } else {
      source = this.corpus.pick();
      const receiver = this.world.endpoints.get(key(source.to));
      if (
        roll < 0.15 &&
        !source.lost &&
        source.tick <= tick - DELIVERED_AFTER_TICKS &&
        receiver !== undefined
      ) {
        // An exact replay, to its receiver, of a packet the receiver already has.
        const label = `replay ${source.label}`;
        this.origins[label] = (this.origins[label] ?? 0) + 1;
        return {
          receiver,
          injection: {
            index,
            bytes: source.bytes.slice(),
            from: source.from,
            after: random.below(4),
            origin: label,
          },
        };
      }
      const applied: string[] = [];
      this.usedOthers.length = 0;
      bytes = mutate(source.bytes, this.mutation, applied);
      if (equalBytes(bytes, source.bytes) || this.usedOthers.some((o) => equalBytes(bytes, o))) {
        // A genuine packet unchanged is a replay, and one still in flight would rightly
        // be accepted: change it for sure.
        bytes = bytes.length > 0 ? bytes.slice() : new Uint8Array(1);
        bytes[random.below(bytes.length)]! ^= 1 << random.below(8);
        applied.push('flip-bits');
      }
      origin = `${source.label} ${applied.join('+')}`;
    }
    const label = source?.label ?? 'random';
    this.origins[label] = (this.origins[label] ?? 0) + 1;

    const [receiver, from] = this.route(source);
    const latest = this.latestSequences.get(`${key(from)}>${receiver.name}`);
    if (latest !== undefined && bytes.length >= HEADER_BYTES && random.chance(0.3)) {
      // Most captured packets were delivered already: a sequence number just past what
      // this sender last sent this receiver takes the mutant past the replay pre-check
      // to the tag check, where the interesting work is.
      writeSequence(bytes, latest + random.between(1, 32));
      origin += '+fresh-sequence';
    }
    return { receiver, injection: { index, bytes, from, after: random.below(4), origin } };
  }

  /** Where an input goes and whom it claims to come from. */
  private route(source: Captured | undefined): [Endpoint, PeerAddress] {
    const random = this.random;
    const rightful = source === undefined ? undefined : this.world.endpoints.get(key(source.to));
    if (source !== undefined && rightful !== undefined && random.chance(0.5)) {
      // On the path: the mutant reaches the packet's receiver from its sender.
      return [rightful, source.from];
    }
    const clients = this.world.actors.filter((a) => a.endpoint.alive);
    if (clients.length === 0 || random.chance(0.6)) {
      return [this.world.serverEndpoint, this.sourceTowardsServer()];
    }
    const target = random.pick(clients);
    return [target.endpoint, this.sourceTowardsClient(target)];
  }

  private sourceTowardsServer(): PeerAddress {
    const random = this.random;
    const roll = random.next();
    if (roll < 0.4) return random.pick(this.world.actors).endpoint.transport.address;
    if (roll < 0.8) return this.unknownAddress();
    if (roll < 0.9) return this.world.server;
    const actor = random.pick(this.world.actors).endpoint.transport.address;
    return { address: actor.address, port: actor.port + 1 };
  }

  private sourceTowardsClient(target: Actor): PeerAddress {
    const random = this.random;
    const roll = random.next();
    if (roll < 0.5) return this.world.server;
    if (roll < 0.7) return this.unknownAddress();
    if (roll < 0.85) return random.pick(this.world.actors).endpoint.transport.address;
    return target.endpoint.transport.address;
  }

  private unknownAddress(): PeerAddress {
    const random = this.random;
    // Half from a few addresses (which the request rate limit soon meets), half fresh.
    return random.chance(0.5)
      ? { address: `attacker-${random.below(8)}`, port: 7000 + random.below(4) }
      : { address: `stranger-${random.u32()}`, port: random.below(65536) };
  }
}
