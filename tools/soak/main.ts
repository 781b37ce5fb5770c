/**
 * Soak: many clients and a server through a bad simulated link for minutes, every
 * delivery and acknowledgement checked against what really arrived.
 *
 *   pnpm soak [--minutes 10] [--profile both|latency|loss] [--clients 200] [--rate 30]
 *             [--clock real|simulated] [--seed 1]
 *
 * Profiles: latency = 250 ± 250 ms, 5% loss, 10% duplication; loss = 20% loss, 4%
 * reordering (30 ± 10 ms). Each profile runs for --minutes. Exits 1 on any violation
 * (a duplicate delivered, a false or double ack) or when the heap grew.
 */
import { parseArgs } from 'node:util';
import { PROFILES, type ProfileName } from './profiles.js';
import { type DirectionReport, runSoak, type SoakProgress, type SoakReport } from './soakRun.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    minutes: { type: 'string', default: '10' },
    profile: { type: 'string', default: 'both' },
    clients: { type: 'string', default: '200' },
    rate: { type: 'string', default: '30' },
    clock: { type: 'string', default: 'real' },
    seed: { type: 'string', default: '1' },
  },
});
const profiles: ProfileName[] =
  values.profile === 'both' ? ['latency', 'loss'] : [values.profile as ProfileName];
if (
  !profiles.every((p) => p in PROFILES) ||
  (values.clock !== 'real' && values.clock !== 'simulated')
) {
  console.error('usage: --profile both|latency|loss --clock real|simulated');
  process.exit(2);
}
if ((globalThis as { gc?: unknown }).gc === undefined) {
  console.warn('warning: run with --expose-gc (pnpm soak does) for comparable heap figures');
}

const number = (n: number) => Math.round(n).toLocaleString('en');
const percent = (part: number, whole: number) =>
  whole === 0 ? '-' : `${((part / whole) * 100).toFixed(2)}%`;

function progressLine(profile: string, p: SoakProgress): string {
  const width = 30;
  const filled = Math.round(p.fraction * width);
  const elapsed = `${Math.floor(p.elapsedMs / 60_000)}:${String(Math.floor(p.elapsedMs / 1000) % 60).padStart(2, '0')}`;
  return (
    `${profile.padEnd(8)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(p.fraction * 100).toFixed(0).padStart(3)}% ${elapsed}` +
    `  up ${number(p.up.delivered)}/${number(p.up.sent)}  down ${number(p.down.delivered)}/${number(p.down.sent)}` +
    `  violations ${violations(p.up) + violations(p.down)}`
  );
}

function violations(d: DirectionReport): number {
  return (
    d.duplicatesDelivered + d.staleDeliveries + d.falseAcks + d.doubleAcks + d.unverifiableAcks
  );
}

function printDirection(name: string, d: DirectionReport): void {
  console.log(
    `  ${name.padEnd(22)} sent ${number(d.sent).padStart(10)}  delivered ${number(d.delivered).padStart(10)} (${percent(d.delivered, d.sent)})` +
      `  acknowledged ${number(d.acknowledged).padStart(10)} (${percent(d.acknowledged, d.delivered)} of delivered)`,
  );
  console.log(
    `  ${''.padEnd(22)} duplicates delivered ${d.duplicatesDelivered}, stale deliveries ${d.staleDeliveries}, ` +
      `acks of packets never received ${d.falseAcks}, acks twice ${d.doubleAcks}, unverifiable ${d.unverifiableAcks}`,
  );
}

let failed = false;
for (const profile of profiles) {
  let lastDraw = 0;
  const report: SoakReport = await runSoak({
    profile,
    clients: Number(values.clients),
    rate: Number(values.rate),
    durationMs: Number(values.minutes) * 60_000,
    seed: Number(values.seed),
    clock: values.clock,
    payloadBytes: 64,
    onProgress: (p) => {
      if (process.stdout.isTTY) process.stdout.write(`\r${progressLine(profile, p)}`);
      else if (performance.now() - lastDraw > 10_000) {
        lastDraw = performance.now();
        console.log(progressLine(profile, p));
      }
    },
  });
  if (process.stdout.isTTY) process.stdout.write('\n');
  const conditions = JSON.stringify(PROFILES[profile]);
  console.log(
    `\nsoak "${profile}" ${conditions}: ${report.connected}/${report.options.clients} clients at ${report.options.rate} Hz each way, ` +
      `${(report.options.durationMs / 60_000).toFixed(1)} min (${report.options.clock} clock, ${(report.wallMs / 60_000).toFixed(1)} min wall), seed ${report.options.seed}`,
  );
  printDirection('client → server', report.up);
  printDirection('server → client', report.down);
  const grew = report.heapAfterMb - report.heapBeforeMb;
  console.log(
    `  heap after GC          ${report.heapBeforeMb.toFixed(1)} MB before, ${report.heapAfterMb.toFixed(1)} MB after (${grew >= 0 ? '+' : ''}${grew.toFixed(1)} MB)`,
  );
  if (report.eventLoopDelayP99Ms !== undefined) {
    console.log(`  event-loop delay p99   ${report.eventLoopDelayP99Ms.toFixed(1)} ms`);
  }
  console.log(`  disconnects            ${report.disconnects}`);
  const bad = violations(report.up) + violations(report.down);
  if (bad > 0 || report.disconnects > 0 || report.connected < report.options.clients || grew > 10) {
    console.log('  FAILED');
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
