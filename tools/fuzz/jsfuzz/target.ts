/**
 * The jsfuzz target: a server with one connected client, and each input handed to the
 * server's datagram entry point (`update` polling it off the transport).
 *
 * Input layout: byte 0 picks the sender (bit 0 clear: the connected client's address;
 * set: one of 128 unknown ones, by the other bits); the rest is the datagram. Every input must be dropped, throw
 * nothing, and emit no event; anything else throws, which jsfuzz reports as a crash
 * and saves as an artifact. After `NETSTACK_JSFUZZ_RUNS` inputs the target writes its
 * figures and coverage to `NETSTACK_JSFUZZ_REPORT` and exits, which ends jsfuzz.
 *
 * Bundled to CommonJS by run.ts: jsfuzz instruments what `require` loads.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, type ConnectionHandle, Server } from '@netstack/core';
import { MemoryNetwork } from '@netstack/core/testing';

const SERVER = { address: 'server', port: 1 };
const CLIENT = { address: 'client', port: 2 };
const runs = Number(process.env.NETSTACK_JSFUZZ_RUNS ?? 10_000);
const reportPath = process.env.NETSTACK_JSFUZZ_REPORT;
const mode = process.env.NETSTACK_JSFUZZ_MODE === 'encrypt' ? 'encrypt' : 'sign';

const network = new MemoryNetwork({ seed: 1 });
/** Every datagram of the setup towards the server: all delivered, so replays by the time inputs come. */
const captured: Uint8Array[] = [];
network.taps.push((bytes, _from, to) => {
  if (to.address === SERVER.address) captured.push(bytes.slice());
});
const server = new Server({ transport: network.bind(SERVER), securityMode: mode });
let now = 0;

/** Connects a client with fixed credentials (the setup must be the same in every process). */
function connected(at: typeof CLIENT, fill: number): { client: Client; handle: ConnectionHandle } {
  const client = new Client({ transport: network.bind(at), securityMode: mode });
  const reserved = server.reserve(new Uint8Array(32).fill(fill), new Uint8Array(32).fill(fill + 1));
  if (!reserved.ok) throw reserved.error;
  client.connect(SERVER, new Uint8Array(32).fill(fill), new Uint8Array(32).fill(fill + 1));
  for (let i = 0; i < 100 && client.state !== 'connected'; i++) step([client]);
  return { client, handle: reserved.handle };
}

function step(clients: Client[]): void {
  now += 10;
  server.update(now);
  for (const client of clients) client.update(now);
}

// One client stays; another comes and leaves, so the seeds hold every kind a client sends.
const { client, handle } = connected(CLIENT, 7);
const leaving = connected({ address: 'leaving', port: 4 }, 20);
for (let i = 0; i < 30; i++) {
  if (i % 3 === 0) {
    client.send(new Uint8Array([1, 2, 3, i]));
    server.send(handle, new Uint8Array([4, 5, i]));
  }
  step([client, leaving.client]);
}
leaving.client.disconnect();
for (let i = 0; i < 5; i++) step([client, leaving.client]);
if (!server.isConnected(handle)) throw new Error('jsfuzz target: the client did not connect');

// `node target.cjs` with NETSTACK_JSFUZZ_SEEDS=dir: write the seed corpus and stop. The
// setup is deterministic, so these packets are the very ones the fuzzed server received.
const seeds = process.env.NETSTACK_JSFUZZ_SEEDS;
if (seeds !== undefined) {
  captured.forEach((bytes, i) => {
    writeFileSync(join(seeds, `seed-${i}`), Buffer.concat([Buffer.from([0]), bytes]));
  });
  process.exit(0);
}

function dropped(): number {
  let total = 0;
  for (const count of Object.values(server.metrics.drops)) total += count;
  return total;
}

let done = 0;

export function fuzz(input: Buffer): void {
  if (baseline === undefined) {
    const file = coverageData();
    baseline = file === undefined ? new Set() : coveredIds(file);
  }
  if (done === runs) finish();
  done++;
  if (input.length === 0) return;
  const from = (input[0]! & 1) === 0 ? CLIENT : { address: `stranger-${input[0]! >>> 1}`, port: 3 };
  const before = dropped();
  network.inject(input.subarray(1), from, SERVER);
  const events = server.update(now);
  if (events.length > 0) throw new Error(`an input caused a ${events[0]!.type} event`);
  if (dropped() !== before + 1) throw new Error('an input was accepted by the server');
}

interface Location {
  start: { line: number };
}

interface FileCoverage {
  path: string;
  s: Record<string, number>;
  statementMap: Record<string, Location>;
  b: Record<string, number[]>;
  branchMap: Record<string, { loc: Location }>;
}

function coverageData(): FileCoverage | undefined {
  const all = (globalThis as { __coverage__?: Record<string, FileCoverage> }).__coverage__;
  return all === undefined ? undefined : Object.values(all).find((f) => f.path.endsWith('.cjs'));
}

/** What the setup alone covered: statement and branch-arm ids. */
let baseline: Set<string> | undefined;

function coveredIds(file: FileCoverage): Set<string> {
  const ids = new Set<string>();
  for (const [id, hits] of Object.entries(file.s)) if (hits > 0) ids.add(`s${id}`);
  for (const [id, arms] of Object.entries(file.b)) {
    arms.forEach((hits, arm) => {
      if (hits > 0) ids.add(`b${id}.${arm}`);
    });
  }
  return ids;
}

function finish(): void {
  const figures = { runs: done, drops: server.metrics.drops, files: summarize() };
  if (reportPath !== undefined) writeFileSync(reportPath, JSON.stringify(figures));
  process.exit(0);
}

interface FileFigures {
  statements: number;
  covered: number;
  branches: number;
  branchesCovered: number;
  /** Statements and branch arms no setup step reached, only fuzz inputs. */
  byInputsOnly: number;
}

/**
 * Coverage per source file of the bundle: esbuild starts each module with a
 * `// path/to/file.ts` line, so a statement's line tells its file.
 */
function summarize(): Record<string, FileFigures> {
  const file = coverageData();
  if (file === undefined) return {};
  const lines = readFileSync(file.path, 'utf8').split('\n');
  const owner: string[] = [];
  let current = '(bundle)';
  lines.forEach((line, i) => {
    const marker = /^\/\/ (\S+\.[cm]?[jt]s)$/.exec(line);
    if (marker !== null) current = marker[1]!.replace(/^.*packages\/netstack\/src\//, '');
    owner[i + 1] = current;
  });
  const figures: Record<string, FileFigures> = {};
  const of = (line: number): FileFigures => {
    const name = owner[line] ?? '(bundle)';
    figures[name] ??= {
      statements: 0,
      covered: 0,
      branches: 0,
      branchesCovered: 0,
      byInputsOnly: 0,
    };
    return figures[name]!;
  };
  for (const [id, hits] of Object.entries(file.s)) {
    const f = of(file.statementMap[id]!.start.line);
    f.statements++;
    if (hits > 0) f.covered++;
    if (hits > 0 && !baseline?.has(`s${id}`)) f.byInputsOnly++;
  }
  for (const [id, arms] of Object.entries(file.b)) {
    const f = of(file.branchMap[id]!.loc.start.line);
    arms.forEach((hits, arm) => {
      f.branches++;
      if (hits > 0) f.branchesCovered++;
      if (hits > 0 && !baseline?.has(`b${id}.${arm}`)) f.byInputsOnly++;
    });
  }
  return figures;
}
