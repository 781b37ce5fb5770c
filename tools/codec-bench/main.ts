/**
 * `pnpm bench:codec`: the 64-entity snapshot through every codec, interleaved rounds in one
 * process, medians. Options (environment): BENCH_ROUNDS (default 15), BENCH_WINDOW_MS (default 100).
 */

import { isNativeAccelerationEnabled } from 'msgpackr';
import type { Codec } from './codec.js';
import { avscCodec } from './codecs/avscCodec.js';
import { generatedCodec } from './codecs/generatedCodec.js';
import { handWrittenCodec } from './codecs/handWrittenCodec.js';
import { jsonCodec } from './codecs/jsonCodec.js';
import { msgpackrCodec } from './codecs/msgpackrCodec.js';
import { protobufCodec } from './codecs/protobufCodec.js';
import { bytesAllocatedPerOp, median, type Operation, opsPerSecond, sink } from './measure.js';
import { printResults, type Result } from './report.js';
import { makeSnapshot } from './snapshotData.js';
import { verifyRoundTrip } from './verifyRoundTrip.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const windowMs = Number(process.env.BENCH_WINDOW_MS ?? 100);
const snapshot = makeSnapshot();
const codecs: Codec[] = [
  handWrittenCodec(),
  generatedCodec(),
  avscCodec(),
  protobufCodec(),
  msgpackrCodec(),
  jsonCodec(),
];

for (const codec of codecs) {
  codec.encode(snapshot);
  verifyRoundTrip(codec.name, snapshot, codec.decode());
}
console.log(
  `node ${process.version}, ${rounds} interleaved rounds of ${windowMs} ms per codec and operation`,
);
console.log(`msgpackr native string extraction: ${isNativeAccelerationEnabled ? 'on' : 'off'}`);
console.log('every codec round-tripped the snapshot and matched the input\n');

const operations: Operation[] = ['roundTrip', 'encode', 'decode'];
const samples = new Map<string, Record<Operation, number[]>>();
for (const codec of codecs) samples.set(codec.name, { roundTrip: [], encode: [], decode: [] });
for (const codec of codecs)
  for (const op of operations) opsPerSecond(codec, snapshot, op, windowMs); // warm-up
for (let round = 0; round < rounds; round++) {
  for (let k = 0; k < codecs.length; k++) {
    const codec = codecs[(k + round) % codecs.length]!;
    for (const op of operations)
      samples.get(codec.name)![op].push(opsPerSecond(codec, snapshot, op, windowMs));
  }
}

const results: Result[] = codecs.map((codec) => {
  const s = samples.get(codec.name)!;
  const bytes = codec.encode(snapshot);
  verifyRoundTrip(codec.name, snapshot, codec.decode());
  return {
    name: codec.name,
    roundTrip: median(s.roundTrip),
    roundTripSamples: s.roundTrip,
    encode: median(s.encode),
    decode: median(s.decode),
    bytes,
    allocEncode: bytesAllocatedPerOp(codec, snapshot, 'encode'),
    allocDecode: bytesAllocatedPerOp(codec, snapshot, 'decode'),
  };
});
printResults(results);
if (sink === 42) console.log(''); // keeps `sink` observable
