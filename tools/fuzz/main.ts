/**
 * Fuzz netstack for as long as you like.
 *
 *   pnpm fuzz [--count 1000000] [--seed N] [--mode sign|encrypt|both]
 *   pnpm fuzz --target codec [--count 1000000] [--seed N]
 *
 * `datagram` (the default target): mutated, spliced, replayed and random datagrams
 * against a server with live clients, in each security mode asked for, `--count`
 * inputs each (see packages/netstack/src/test-support/fuzz/datagramFuzzer.ts for the
 * inputs and oracles). Prints the seed first and progress as it goes; the same seed
 * and count replay the same run, input for input (the digest at the end shows it).
 * `codec`: random and mutated bytes into every generated decoder of the workspace
 * (tools/codec-bench's snapshot, the example game's messages, packages/netstack-codegen's
 * golden game fixtures): only `DecodeError` may be thrown, no read may leave the reader's
 * range, no array may outgrow what the input can describe, no decode may hang (see
 * codecFuzzer.ts).
 *
 * Exits with 1 if anything was found.
 *
 * The script is bundled by esbuild from the sources (the `@netstack/source`
 * condition) and run by plain node: tsx's per-module transform slows hot calls across
 * modules, and a fuzzer lives on those.
 */
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  CodecFuzzer,
  DatagramFuzzer,
  type DatagramFuzzReport,
  formatCodecReport,
  formatDatagramReport,
} from '@netstack/core/fuzzing';
import { codecTargets } from './codecTargets.js';

const { values } = parseArgs({
  // pnpm passes a '--' through to the script; it separates nothing here.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    count: { type: 'string', default: '1000000' },
    seed: { type: 'string' },
    mode: { type: 'string', default: 'both' },
    target: { type: 'string', default: 'datagram' },
  },
});

const count = Number(values.count);
const seed = values.seed === undefined ? randomInt(2 ** 31) : Number(values.seed);
if (!Number.isSafeInteger(count) || count < 1)
  throw new Error(`--count ${values.count}: a positive integer`);
if (!Number.isSafeInteger(seed) || seed < 0 || seed >= 2 ** 32) {
  throw new Error(`--seed ${values.seed}: an integer from 0 to 2^32 - 1`);
}
const modes =
  values.mode === 'both'
    ? (['sign', 'encrypt'] as const)
    : ([values.mode] as ('sign' | 'encrypt')[]);
for (const mode of modes) {
  if (mode !== 'sign' && mode !== 'encrypt')
    throw new Error(`--mode ${mode}: sign, encrypt or both`);
}
if (values.target !== 'datagram' && values.target !== 'codec') {
  throw new Error(`--target ${values.target}: datagram or codec`);
}

const grouped = (n: number) => Math.round(n).toLocaleString('en-US');
const isTerminal = process.stdout.isTTY === true;

const progressEvery = Math.max(10_000, Math.ceil(count / 20 / 10_000) * 10_000);

if (values.target === 'codec') {
  console.log(`netstack fuzz: target codec, seed ${seed}, ${grouped(count)} inputs`);
  console.log(`  reproduce: pnpm fuzz --target codec --count ${count} --seed ${seed}`);
  const started = performance.now();
  const report = new CodecFuzzer({
    seed,
    count,
    codecs: codecTargets(seed),
    progressEvery,
    onProgress: (partial) => {
      const rate = partial.inputs / ((performance.now() - started) / 1000);
      console.log(
        `  ${grouped(partial.inputs)} / ${grouped(count)} (${((100 * partial.inputs) / count).toFixed(0)}%), ` +
          `${grouped(rate)} inputs/s, crashes ${partial.crashes}, out-of-range reads ${partial.outOfRangeReads}, ` +
          `oversized allocations ${partial.oversizedAllocations}, slow ${partial.slowInputs}`,
      );
    },
  }).run();
  const seconds = (performance.now() - started) / 1000;
  console.log(formatCodecReport(report));
  console.log(`  ${grouped(report.inputs / seconds)} inputs/s (${seconds.toFixed(1)} s)`);
  const found =
    report.crashes + report.outOfRangeReads + report.oversizedAllocations + report.slowInputs;
  console.log(`seed ${seed}: ${found > 0 ? 'FINDINGS above' : 'nothing found'}`);
  process.exit(found > 0 ? 1 : 0);
}

console.log(
  `netstack fuzz: target datagram, seed ${seed}, ${grouped(count)} inputs per mode (${modes.join(', ')})`,
);
console.log(`  reproduce: pnpm fuzz --count ${count} --seed ${seed} --mode ${values.mode}`);

function progress(report: DatagramFuzzReport, started: number): void {
  const seconds = (performance.now() - started) / 1000;
  const rate = report.inputs / seconds;
  const line =
    `  ${report.securityMode}: ${grouped(report.inputs)} / ${grouped(count)} ` +
    `(${((100 * report.inputs) / count).toFixed(0)}%), ${grouped(rate)} inputs/s, ` +
    `crashes ${report.crashes}, forgeries ${report.acceptedForgeries}, ` +
    `state changes ${report.stateChanges}, unexpected events ${report.unexpectedEvents}, ` +
    `messages ${grouped(report.messagesDelivered)}/${grouped(report.messagesSent)}, ` +
    `eta ${Math.ceil((count - report.inputs) / rate)} s`;
  if (isTerminal) process.stdout.write(`\r${line}\x1b[K`);
  else console.log(line);
}

let failed = false;
const totals = { inputs: 0, seconds: 0 };
for (const mode of modes) {
  const started = performance.now();
  const report = new DatagramFuzzer({
    seed,
    securityMode: mode,
    count,
    progressEvery,
    onProgress: (partial) => progress(partial, started),
  }).run();
  const seconds = (performance.now() - started) / 1000;
  if (isTerminal) process.stdout.write('\r\x1b[K');
  console.log(formatDatagramReport(report));
  console.log(
    `  ${grouped(report.inputs / seconds)} inputs/s (${seconds.toFixed(1)} s, warm-up and drain included)`,
  );
  totals.inputs += report.inputs;
  totals.seconds += seconds;
  const found =
    report.crashes +
    report.acceptedForgeries +
    report.stateChanges +
    report.unexpectedEvents +
    report.missingEvents +
    report.messagesLost;
  if (found > 0) failed = true;
}
console.log(
  `total: ${grouped(totals.inputs)} inputs in ${totals.seconds.toFixed(1)} s (${grouped(totals.inputs / totals.seconds)}/s), seed ${seed}: ${failed ? 'FINDINGS above' : 'nothing found'}`,
);
process.exitCode = failed ? 1 : 0;
