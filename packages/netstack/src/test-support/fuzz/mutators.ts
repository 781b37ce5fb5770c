/**
 * Mutations of a datagram, blind and structure-aware. Each takes the bytes to change
 * (a copy the fuzzer owns: it may change them in place) and returns the result, which
 * may be another array of another length.
 *
 * Blind ones flip, set, cut, grow, duplicate and zero bytes; splices join the header of
 * one genuine packet to the body or tag of another; structure-aware ones rewrite header
 * fields (kind, 13-bit sequence, 16-bit ack, ack bits) so that a mutant passes the cheap
 * checks and reaches the replay window and the tag, where the interesting code is.
 */
import { HEADER_BYTES, PACKET_OVERHEAD_BYTES, TAG_BYTES } from '../../packets/header.js';
import type { FuzzRandom } from './fuzzRandom.js';

/** Largest UDP payload over IPv4: the longest datagram a socket can hand over. */
export const MAX_DATAGRAM_BYTES = 65_507;

export interface MutationContext {
  readonly random: FuzzRandom;
  readonly maxPacketBytes: number;
  /** Another genuine packet, for splices. */
  other(): Uint8Array;
}

export interface Mutator {
  readonly name: string;
  apply(bytes: Uint8Array, context: MutationContext): Uint8Array;
}

const INTERESTING_BYTES = [0x00, 0x01, 0x07, 0x08, 0x7f, 0x80, 0xfe, 0xff];

/** A length near the edges that matter: empty, the header, the overhead, the kinds' sizes, the maximum. */
export function interestingLength(random: FuzzRandom, maxPacketBytes: number): number {
  switch (random.below(12)) {
    case 0:
      return 0;
    case 1:
      return random.below(HEADER_BYTES + 1);
    case 2:
      return PACKET_OVERHEAD_BYTES - 1;
    case 3:
      return PACKET_OVERHEAD_BYTES;
    case 4:
      return PACKET_OVERHEAD_BYTES + 1;
    case 5:
      return 58;
    case 6:
      return maxPacketBytes;
    case 7:
      return maxPacketBytes + 1;
    case 8:
      return maxPacketBytes + random.between(2, 256);
    case 9:
      return random.chance(0.1) ? MAX_DATAGRAM_BYTES : random.between(0, 4096);
    default:
      return random.between(0, maxPacketBytes);
  }
}

/** `bytes` resized to `length`: cut, or grown with random or zero bytes. */
function resized(bytes: Uint8Array, length: number, random: FuzzRandom): Uint8Array {
  if (length <= bytes.length) return bytes.subarray(0, length);
  const out = new Uint8Array(length);
  out.set(bytes);
  if (random.chance(0.7)) random.fill(out, bytes.length, length);
  return out;
}

function range(random: FuzzRandom, length: number): [number, number] {
  const start = random.below(length);
  const end = start + 1 + random.below(Math.min(64, length - start));
  return [start, end];
}

const flipBits: Mutator = {
  name: 'flip-bits',
  apply(bytes, { random }) {
    if (bytes.length === 0) return bytes;
    const flips = random.chance(0.6) ? 1 : random.between(2, 8);
    for (let i = 0; i < flips; i++) {
      const bit = random.below(bytes.length * 8);
      bytes[bit >>> 3]! ^= 1 << (bit & 7);
    }
    return bytes;
  },
};

const setBytes: Mutator = {
  name: 'set-bytes',
  apply(bytes, { random }) {
    if (bytes.length === 0) return bytes;
    const count = random.between(1, 4);
    for (let i = 0; i < count; i++) {
      bytes[random.below(bytes.length)] = random.chance(0.5)
        ? random.pick(INTERESTING_BYTES)
        : random.u32();
    }
    return bytes;
  },
};

const truncate: Mutator = {
  name: 'truncate',
  apply(bytes, { random }) {
    const cuts = [0, 1, HEADER_BYTES - 1, HEADER_BYTES, PACKET_OVERHEAD_BYTES - 1];
    const length = random.chance(0.3)
      ? random.pick(cuts)
      : random.chance(0.3)
        ? bytes.length - random.between(1, TAG_BYTES)
        : random.below(bytes.length);
    return bytes.subarray(0, Math.max(0, Math.min(length, bytes.length)));
  },
};

const extend: Mutator = {
  name: 'extend',
  apply(bytes, { random, maxPacketBytes }) {
    const length = random.chance(0.3)
      ? maxPacketBytes + random.between(1, 64)
      : random.chance(0.2)
        ? maxPacketBytes
        : bytes.length + random.between(1, 64);
    return resized(bytes, Math.max(length, bytes.length + 1), random);
  },
};

const resize: Mutator = {
  name: 'resize',
  apply(bytes, { random, maxPacketBytes }) {
    return resized(bytes, interestingLength(random, maxPacketBytes), random);
  },
};

const duplicateRange: Mutator = {
  name: 'duplicate-range',
  apply(bytes, { random }) {
    if (bytes.length === 0) return bytes;
    const [start, end] = range(random, bytes.length);
    if (random.chance(0.5)) {
      // Overwrite elsewhere.
      const to = random.below(bytes.length);
      const chunk = bytes.slice(start, end);
      bytes.set(chunk.subarray(0, Math.min(chunk.length, bytes.length - to)), to);
      return bytes;
    }
    // Insert a copy right after the range: the datagram grows.
    const out = new Uint8Array(bytes.length + (end - start));
    out.set(bytes.subarray(0, end));
    out.set(bytes.subarray(start, end), end);
    out.set(bytes.subarray(end), end + (end - start));
    return out;
  },
};

const fillRange: Mutator = {
  name: 'fill-range',
  apply(bytes, { random }) {
    if (bytes.length === 0) return bytes;
    const [start, end] = range(random, bytes.length);
    bytes.fill(random.chance(0.7) ? 0 : random.pick(INTERESTING_BYTES), start, end);
    return bytes;
  },
};

const removeRange: Mutator = {
  name: 'remove-range',
  apply(bytes, { random }) {
    if (bytes.length === 0) return bytes;
    const [start, end] = range(random, bytes.length);
    const out = new Uint8Array(bytes.length - (end - start));
    out.set(bytes.subarray(0, start));
    out.set(bytes.subarray(end), start);
    return out;
  },
};

/** The header of another genuine packet on this packet's body and tag. */
const spliceHeader: Mutator = {
  name: 'splice-header',
  apply(bytes, context) {
    const other = context.other();
    bytes.set(other.subarray(0, Math.min(HEADER_BYTES, bytes.length, other.length)));
    return bytes;
  },
};

/** This packet's header and body with another genuine packet's tag. */
const spliceTag: Mutator = {
  name: 'splice-tag',
  apply(bytes, context) {
    const other = context.other();
    if (bytes.length < TAG_BYTES || other.length < TAG_BYTES) return bytes;
    bytes.set(other.subarray(other.length - TAG_BYTES), bytes.length - TAG_BYTES);
    return bytes;
  },
};

/** This packet's header and tag around another genuine packet's body. */
const spliceBody: Mutator = {
  name: 'splice-body',
  apply(bytes, context) {
    const other = context.other();
    if (bytes.length < PACKET_OVERHEAD_BYTES || other.length < PACKET_OVERHEAD_BYTES) return bytes;
    const body = other.subarray(HEADER_BYTES, other.length - TAG_BYTES);
    const out = new Uint8Array(PACKET_OVERHEAD_BYTES + body.length);
    out.set(bytes.subarray(0, HEADER_BYTES));
    out.set(body, HEADER_BYTES);
    out.set(bytes.subarray(bytes.length - TAG_BYTES), HEADER_BYTES + body.length);
    return out;
  },
};

/** A prefix of this packet and a suffix of another, cut anywhere. */
const spliceAt: Mutator = {
  name: 'splice-at',
  apply(bytes, context) {
    const other = context.other();
    const { random } = context;
    const cut = random.below(bytes.length + 1);
    const from = random.chance(0.5) ? Math.min(cut, other.length) : random.below(other.length + 1);
    const out = new Uint8Array(cut + other.length - from);
    out.set(bytes.subarray(0, cut));
    out.set(other.subarray(from), cut);
    return out;
  },
};

/** Header fields need a header; shorter datagrams are first grown to one. */
function withHeader(bytes: Uint8Array, random: FuzzRandom): Uint8Array {
  return bytes.length >= HEADER_BYTES ? bytes : resized(bytes, PACKET_OVERHEAD_BYTES, random);
}

const setKind: Mutator = {
  name: 'set-kind',
  apply(bytes, { random }) {
    bytes = withHeader(bytes, random);
    bytes[0] = (bytes[0]! & ~7) | random.below(8);
    return bytes;
  },
};

/** Moves the 13-bit sequence a little (so the mutant passes the replay pre-check) or anywhere. */
const setSequence: Mutator = {
  name: 'set-sequence',
  apply(bytes, { random }) {
    bytes = withHeader(bytes, random);
    const word = bytes[0]! | (bytes[1]! << 8);
    const sequence = word >>> 3;
    const roll = random.next();
    const next =
      roll < 0.5
        ? sequence + random.between(1, 64) // fresh: past the replay pre-check, on to the tag
        : roll < 0.7
          ? sequence + random.between(-300, 300)
          : roll < 0.85
            ? sequence + random.pick([4095, 4096, 4097, -4096, 8191, -256, -255])
            : random.below(8192);
    const out = (word & 7) | ((next & 0x1fff) << 3);
    bytes[0] = out;
    bytes[1] = out >>> 8;
    return bytes;
  },
};

const setAck: Mutator = {
  name: 'set-ack',
  apply(bytes, { random }) {
    bytes = withHeader(bytes, random);
    const ack = bytes[2]! | (bytes[3]! << 8);
    const next = random.chance(0.5)
      ? ack + random.between(-40, 40)
      : random.pick([0, 1, 0xffff, 0x8000, random.below(0x10000)]);
    bytes[2] = next;
    bytes[3] = next >>> 8;
    return bytes;
  },
};

const setAckBits: Mutator = {
  name: 'set-ack-bits',
  apply(bytes, { random }) {
    bytes = withHeader(bytes, random);
    const bits = random.pick([0, 0xffffffff, 0x80000000, 1, random.u32()]);
    bytes[4] = bits;
    bytes[5] = bits >>> 8;
    bytes[6] = bits >>> 16;
    bytes[7] = bits >>> 24;
    return bytes;
  },
};

const rewriteTag: Mutator = {
  name: 'rewrite-tag',
  apply(bytes, { random }) {
    if (bytes.length < TAG_BYTES) return bytes;
    const start = bytes.length - TAG_BYTES;
    if (random.chance(0.5)) bytes.fill(random.chance(0.5) ? 0 : 0xff, start);
    else random.fill(bytes, start, bytes.length);
    return bytes;
  },
};

export const MUTATORS: readonly Mutator[] = [
  flipBits,
  flipBits,
  setBytes,
  truncate,
  extend,
  resize,
  duplicateRange,
  fillRange,
  removeRange,
  spliceHeader,
  spliceTag,
  spliceBody,
  spliceAt,
  setKind,
  setSequence,
  setSequence,
  setAck,
  setAckBits,
  rewriteTag,
];

/** The mutators that know nothing of packets: for other formats (generated codecs). */
export const BLIND_MUTATORS: readonly Mutator[] = [
  flipBits,
  flipBits,
  setBytes,
  setBytes,
  truncate,
  extend,
  duplicateRange,
  fillRange,
  removeRange,
  spliceAt,
];

/** A random datagram of a random length (sometimes empty, sometimes far too long). */
export function randomDatagram(random: FuzzRandom, maxPacketBytes: number): Uint8Array {
  const bytes = random.bytes(interestingLength(random, maxPacketBytes));
  // Often give it a valid kind, so it gets past the first check.
  if (bytes.length > 0 && random.chance(0.5)) bytes[0] = (bytes[0]! & ~7) | random.below(6);
  return bytes;
}

/** Applies one to four mutators, stacked; returns the mutant and their names. */
export function mutate(
  source: Uint8Array,
  context: MutationContext,
  applied: string[],
): Uint8Array {
  const { random } = context;
  let bytes: Uint8Array = source.slice();
  const rounds = random.chance(0.5) ? 1 : random.between(2, 4);
  for (let i = 0; i < rounds; i++) {
    const mutator = random.pick(MUTATORS);
    applied.push(mutator.name);
    bytes = mutator.apply(bytes, context);
  }
  return bytes;
}

/** Rewrites the 13-bit sequence of `bytes` (which has a header) to `sequence`. */
export function writeSequence(bytes: Uint8Array, sequence: number): void {
  const word = (bytes[0]! & 7) | ((sequence & 0x1fff) << 3);
  bytes[0] = word;
  bytes[1] = word >>> 8;
}
