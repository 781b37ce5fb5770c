/**
 * Per-packet crypto benchmark: what sealing and opening one packet with a 100-byte
 * body costs with netstack's implementations and with the libraries it could have
 * used, in one process, interleaved rounds, medians.
 *
 *   pnpm bench:crypto [--rounds 5] [--packets 200000]
 *
 * "seal + open" is one packet's work at both ends: tag (and encrypt) at the sender,
 * verify (and decrypt) at the receiver. Allocation is heapUsed growth per packet over
 * 10,000 packets after a full GC, with a young generation large enough that no GC runs
 * meanwhile (the script runs node with --expose-gc and a 64 MB young generation).
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ChaCha20Poly1305Protection, HmacProtection } from '@netstack/core/internal';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

const { values } = parseArgs({
  // pnpm passes a '--' through to the script; it separates nothing here.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    rounds: { type: 'string', default: '5' },
    packets: { type: 'string', default: '200000' },
  },
});
const rounds = Number(values.rounds);
const packets = Number(values.packets);

const key = new Uint8Array(32).map((_, i) => i * 13 + 1);
const BODY_END = 8 + 100;
const packet = new Uint8Array(BODY_END + 16).map((_, i) => i);
const header = packet.subarray(0, 8);
const body = packet.subarray(8, BODY_END);

/** One packet sealed and opened; throws if the open fails (every candidate is checked). */
type Candidate = { name: string; sealAndOpen: (sequence: number) => void };

function netstack(
  name: string,
  make: (key: Uint8Array) => HmacProtection | ChaCha20Poly1305Protection,
): Candidate {
  const sender = make(key);
  const receiver = make(key);
  return {
    name,
    sealAndOpen: (sequence) => {
      sender.seal(packet, BODY_END, sequence, 7);
      if (!receiver.open(packet, BODY_END, sequence, 7)) throw new Error(`${name}: open failed`);
    },
  };
}

const prefix = new Uint8Array(16);
const nobleHmacPrepared = hmac.create(sha256, key);
const nobleHmacWork = hmac.create(sha256, key);
const nobleTag = new Uint8Array(32);
function nobleHmacTag(): Uint8Array {
  nobleHmacPrepared._cloneInto(nobleHmacWork);
  nobleHmacWork.update(prefix).update(packet.subarray(0, BODY_END));
  nobleHmacWork.digestInto(nobleTag);
  return nobleTag.subarray(0, 16);
}

const nonce = new Uint8Array(12);
const aad = new Uint8Array(16);

const candidates: Candidate[] = [
  netstack('netstack HMAC-SHA256-128 (sign)', (k) => new HmacProtection(k)),
  {
    name: '@noble/hashes HMAC, keyed state cloned',
    sealAndOpen: () => {
      packet.set(nobleHmacTag(), BODY_END);
      if (!timingSafeEqual(nobleHmacTag(), packet.subarray(BODY_END)))
        throw new Error('noble hmac');
    },
  },
  {
    name: 'node:crypto createHmac',
    sealAndOpen: () => {
      const tag = createHmac('sha256', key)
        .update(prefix)
        .update(packet.subarray(0, BODY_END))
        .digest();
      packet.set(tag.subarray(0, 16), BODY_END);
      const check = createHmac('sha256', key)
        .update(prefix)
        .update(packet.subarray(0, BODY_END))
        .digest();
      if (!timingSafeEqual(check.subarray(0, 16), packet.subarray(BODY_END)))
        throw new Error('node hmac');
    },
  },
  netstack('netstack ChaCha20-Poly1305 (encrypt)', (k) => new ChaCha20Poly1305Protection(k)),
  {
    name: '@noble/ciphers ChaCha20-Poly1305',
    sealAndOpen: (sequence) => {
      new DataView(nonce.buffer).setUint32(4, sequence, true);
      aad.set(header, 8);
      const sealed = chacha20poly1305(key, nonce, aad).encrypt(body);
      chacha20poly1305(key, nonce, aad).decrypt(sealed);
    },
  },
  ...(['aes-256-gcm', 'chacha20-poly1305'] as const).map((algorithm) => ({
    name: `node:crypto ${algorithm}`,
    sealAndOpen: (sequence: number) => {
      new DataView(nonce.buffer).setUint32(4, sequence, true);
      const cipher =
        algorithm === 'aes-256-gcm'
          ? createCipheriv(algorithm, key, nonce, { authTagLength: 16 })
          : createCipheriv(algorithm, key, nonce, { authTagLength: 16 });
      cipher.setAAD(aad);
      const sealed = cipher.update(body);
      cipher.final();
      const tag = cipher.getAuthTag();
      const decipher =
        algorithm === 'aes-256-gcm'
          ? createDecipheriv(algorithm, key, nonce, { authTagLength: 16 })
          : createDecipheriv(algorithm, key, nonce, { authTagLength: 16 });
      decipher.setAAD(aad);
      decipher.setAuthTag(tag);
      decipher.update(sealed);
      decipher.final();
    },
  })),
];

let sequence = 1;
function time(candidate: Candidate): number {
  const start = performance.now();
  for (let i = 0; i < packets; i++) candidate.sealAndOpen(sequence++);
  return ((performance.now() - start) * 1000) / packets;
}

const collect = (globalThis as { gc?: () => void }).gc;
let collections = 0;
new PerformanceObserver((list) => {
  collections += list.getEntries().length;
}).observe({ entryTypes: ['gc'] });

/** Bytes allocated per packet, or undefined when a GC ran and spoiled the reading. */
async function allocation(candidate: Candidate): Promise<number | undefined> {
  const count = 10_000;
  collect?.();
  await new Promise((resolve) => setTimeout(resolve, 10));
  const collectionsBefore = collections;
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) candidate.sealAndOpen(sequence++);
  const after = process.memoryUsage().heapUsed;
  await new Promise((resolve) => setTimeout(resolve, 10));
  return collections === collectionsBefore ? Math.max(0, (after - before) / count) : undefined;
}

for (const candidate of candidates) time(candidate); // warm up
const results = new Map(candidates.map((c) => [c.name, [] as number[]]));
for (let round = 0; round < rounds; round++) {
  for (const candidate of candidates) results.get(candidate.name)!.push(time(candidate));
}
const allocations = new Map<string, number | undefined>();
for (const candidate of candidates) allocations.set(candidate.name, await allocation(candidate));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const baseline = median(results.get(candidates[0]!.name)!);
console.log(
  `seal + open of one packet with a 100-byte body; ${rounds} rounds × ${packets.toLocaleString('en')} packets, medians`,
);
console.log(
  `  ${'implementation'.padEnd(40)} µs/packet   packets/s    vs netstack sign   bytes allocated/packet`,
);
for (const candidate of candidates) {
  const micros = median(results.get(candidate.name)!);
  const bytes = allocations.get(candidate.name);
  console.log(
    `  ${candidate.name.padEnd(40)} ${micros.toFixed(2).padStart(9)}   ${Math.round(1e6 / micros)
      .toLocaleString('en')
      .padStart(9)}` +
      `   ${(baseline / micros).toFixed(2).padStart(15)}×   ${(bytes === undefined ? 'GC ran' : Math.round(bytes).toString()).padStart(22)}`,
  );
}
