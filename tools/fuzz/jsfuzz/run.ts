/**
 * Coverage-guided fuzzing of the server's datagram entry point with jsfuzz, for a
 * fixed number of inputs.
 *
 *   pnpm fuzz:coverage [--runs 100000] [--mode sign|encrypt]
 *
 * The target (target.ts, bundled to CommonJS: jsfuzz instruments what `require` loads)
 * is a server with one connected client; its seed corpus is every datagram of its own
 * setup. jsfuzz mutates the corpus, keeps inputs that reach new statements or branches,
 * and reports any exception as a crash (saved as `crash-<hash>`); the target throws if
 * an input is accepted or causes an event. At the end: inputs, drop reasons, and the
 * coverage of each source file, with what the inputs reached beyond the setup.
 *
 * jsfuzz's mutations are unseeded (Math.random), so runs differ; a crash is kept as a
 * file and replays with `jsfuzz --regression`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    runs: { type: 'string', default: '100000' },
    mode: { type: 'string', default: 'sign' },
  },
});
const runs = Number(values.runs);
if (!Number.isSafeInteger(runs) || runs < 1)
  throw new Error(`--runs ${values.runs}: a positive integer`);
if (values.mode !== 'sign' && values.mode !== 'encrypt') throw new Error('--mode: sign or encrypt');

const target = fileURLToPath(new URL('../dist/coverage-target.cjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'netstack-jsfuzz-'));
const corpus = join(work, 'corpus');
mkdirSync(corpus);
copyFileSync(target, join(work, 'target.cjs'));
const env = {
  ...process.env,
  NETSTACK_JSFUZZ_RUNS: String(runs),
  NETSTACK_JSFUZZ_REPORT: join(work, 'report.json'),
  NETSTACK_JSFUZZ_MODE: values.mode,
};

const seeded = spawnSync(process.execPath, [join(work, 'target.cjs')], {
  env: { ...env, NETSTACK_JSFUZZ_SEEDS: corpus },
  stdio: 'inherit',
});
if (seeded.status !== 0) throw new Error('writing the seed corpus failed');
const seeds = readdirSync(corpus).length;

console.log(
  `jsfuzz over Server's datagram entry point, ${values.mode} mode: ${runs.toLocaleString('en-US')} inputs, ${seeds} seeds, in ${work}`,
);
const jsfuzz = createRequire(import.meta.url).resolve('jsfuzz/build/src/index.js');
const started = performance.now();
const child = spawn(process.execPath, [jsfuzz, 'target.cjs', corpus, '--versifier=false'], {
  cwd: work,
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let lastLine = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk: string) => {
  for (const line of chunk.split('\n')) {
    if (line.trim() === '') continue;
    // jsfuzz prints a line per new coverage and a pulse every 3 s: keep the pulses short.
    if (line.includes('PULSE')) lastLine = line;
    else console.log(`  ${line}`);
  }
});
child.on('exit', (code) => {
  const seconds = (performance.now() - started) / 1000;
  if (lastLine !== '') console.log(`  last pulse: ${lastLine}`);
  const crashes = readdirSync(work).filter((name) => name.startsWith('crash-'));
  let report: {
    runs: number;
    drops: Record<string, number>;
    files: Record<
      string,
      {
        statements: number;
        covered: number;
        branches: number;
        branchesCovered: number;
        byInputsOnly: number;
      }
    >;
  };
  try {
    report = JSON.parse(readFileSync(env.NETSTACK_JSFUZZ_REPORT, 'utf8'));
  } catch {
    console.log(
      `jsfuzz stopped (exit ${code}) before the target's report; crashes: ${crashes.join(', ') || 'none'}`,
    );
    process.exitCode = 1;
    return;
  }
  const percent = (part: number, whole: number) =>
    whole === 0 ? '–' : `${((100 * part) / whole).toFixed(0)}%`;
  console.log(
    `inputs ${report.runs.toLocaleString('en-US')} in ${seconds.toFixed(1)} s (${Math.round(report.runs / seconds)}/s), corpus ${readdirSync(corpus).length} (from ${seeds} seeds), crashes ${crashes.length}`,
  );
  console.log(
    `  dropped as: ${Object.entries(report.drops)
      .filter(([, n]) => n > 0)
      .map(([reason, n]) => `${reason} ${n}`)
      .join(', ')}`,
  );
  console.log(
    '  coverage (statements, branch arms; "by inputs" = reached by no setup step, only by fuzz inputs):',
  );
  const receivePath = [
    'endpoints/server.ts',
    'connection/connection.ts',
    'packets/header.ts',
    'packets/sequence.ts',
    'packets/connectionRequest.ts',
    'acks/replayWindow.ts',
    'acks/sentPackets.ts',
    'endpoints/requestRateLimiter.ts',
    'security/hmacProtection.ts',
    'security/chaCha20Poly1305Protection.ts',
  ];
  for (const name of receivePath) {
    const f = report.files[name];
    if (f === undefined) continue;
    console.log(
      `    ${name.padEnd(40)} statements ${percent(f.covered, f.statements).padStart(4)} of ${String(f.statements).padStart(3)}, branches ${percent(f.branchesCovered, f.branches).padStart(4)} of ${String(f.branches).padStart(3)}, by inputs ${f.byInputsOnly}`,
    );
  }
  for (const crash of crashes) console.log(`  CRASH ${join(work, crash)}`);
  process.exitCode = crashes.length > 0 || code !== 0 ? 1 : 0;
});
