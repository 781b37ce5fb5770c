/**
 * Scale: how many connected clients one server process holds at 30 Hz each way.
 *
 *   pnpm load [--start 250] [--step 250] [--max 4000] [--load-processes 1] [--tick-rate 30]
 *             [--security-mode sign|encrypt]
 *
 * Starts a server process and load processes (real netstack clients, separate from the
 * server), adds clients step by step, and after each step measures for a few seconds:
 * connected clients, server CPU, server event-loop delay p99, the rates each client
 * really sent and received (30 Hz when nothing lags), and delivery each way (states the
 * server received / states the clients sent; snapshots the clients received / snapshots
 * the server sent). A step holds when every client is connected, both rates are within 5%
 * of the tick rate and delivery is at least 99% each way; the run stops after two steps
 * that do not, and says why.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Credentials, FromLoad, FromServer, Sample } from './protocol.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    start: { type: 'string', default: '250' },
    step: { type: 'string', default: '250' },
    max: { type: 'string', default: '4000' },
    'load-processes': { type: 'string', default: '1' },
    'tick-rate': { type: 'string', default: '30' },
    settle: { type: 'string', default: '4' },
    measure: { type: 'string', default: '10' },
    'security-mode': { type: 'string', default: 'sign' },
  },
});
const start = Number(values.start);
const step = Number(values.step);
const max = Number(values.max);
const loadProcesses = Number(values['load-processes']);
const tickRate = values['tick-rate'];
const settleMs = Number(values.settle) * 1000;
const measureMs = Number(values.measure) * 1000;
const mode = values['security-mode'] === 'encrypt' ? 'encrypt' : 'sign';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function request<T extends { kind: string }>(
  child: ChildProcess,
  message: object,
  answer: T['kind'],
): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (reply: T) => {
      if (reply.kind !== answer) return;
      child.off('message', onMessage);
      resolve(reply);
    };
    child.on('message', onMessage);
    if (Object.keys(message).length > 0) child.send(message);
  });
}

const server = fork(here('./server.js'), [tickRate, '8192', '64', mode]);
const loads: ChildProcess[] = [];
const children = [server];
process.on('exit', () => {
  for (const child of children) child.kill();
});

try {
  const { port } = await request<Extract<FromServer, { kind: 'ready' }>>(server, {}, 'ready');
  for (let i = 0; i < loadProcesses; i++) {
    const load = fork(here('./clients.js'), [String(port), tickRate, '16', mode]);
    children.push(load);
    loads.push(load);
    await request<Extract<FromLoad, { kind: 'ready' }>>(load, {}, 'ready');
  }

  // Every process samples at once; each rate is over that process's own interval.
  const sampleAll = async () => {
    const [first, ...rest] = await Promise.all(
      [server, ...loads].map((child) => request<Sample>(child, { kind: 'sample' }, 'sample')),
    );
    return { server: first!, loads: rest };
  };

  console.log(
    `scale: one server process, ${loadProcesses} load process(es), ${tickRate} Hz each way (a 16-byte state up, a 64-byte snapshot down), ${mode} mode`,
  );
  console.log(
    ' clients  connected  server CPU  server ELD p99  load CPU   up Hz  down Hz  up delivered  down delivered  drops',
  );
  let clients = 0;
  let held = 0;
  let stopReason = `reached --max ${max}`;
  let failures = 0;
  while (clients < max) {
    const target = clients === 0 ? start : Math.min(max, clients + step);
    const { credentials } = await request<Extract<FromServer, { kind: 'reserved' }>>(
      server,
      { kind: 'reserve', count: target - clients },
      'reserved',
    );
    const shares: Credentials[][] = loads.map(() => []);
    for (const [i, credential] of credentials.entries()) shares[i % loads.length]!.push(credential);
    await Promise.all(
      loads.map((load, i) => request(load, { kind: 'add', credentials: shares[i] }, 'added')),
    );
    clients = target;
    await sleep(settleMs);

    const before = await sampleAll();
    await sleep(measureMs);
    const after = await sampleAll();
    /** Per second, over the interval between two samples of one process. */
    const rate = (pick: (s: Sample) => number, a: Sample, b: Sample) =>
      (pick(b) - pick(a)) / ((b.at - a.at) / 1000);
    const serverRate = (pick: (s: Sample) => number) => rate(pick, before.server, after.server);
    const loadRate = (pick: (s: Sample) => number) =>
      after.loads.reduce((total, sample, i) => total + rate(pick, before.loads[i]!, sample), 0);
    const serverCpu = serverRate((s) => s.cpuMicros) / 1e6;
    const loadCpu = loadRate((s) => s.cpuMicros) / 1e6;
    const up =
      serverRate((s) => s.messagesIn) /
      Math.max(
        1,
        loadRate((s) => s.messagesOut),
      );
    const down =
      loadRate((s) => s.messagesIn) /
      Math.max(
        1,
        serverRate((s) => s.messagesOut),
      );
    const drops = Math.round(
      ((serverRate((s) => s.dropped) + loadRate((s) => s.dropped)) * measureMs) / 1000,
    );
    const connected = after.server.connected;
    /** What each connected client really sent and got per second (30 when nothing lags). */
    const upHz = loadRate((s) => s.messagesOut) / Math.max(1, connected);
    const downHz = serverRate((s) => s.messagesOut) / Math.max(1, connected);
    console.log(
      `${String(clients).padStart(8)}  ${String(connected).padStart(9)}  ${`${(serverCpu * 100).toFixed(0)}%`.padStart(10)}` +
        `  ${`${after.server.eventLoopDelayP99.toFixed(1)} ms`.padStart(14)}  ${`${(loadCpu * 100).toFixed(0)}%`.padStart(8)}` +
        `  ${upHz.toFixed(1).padStart(6)}  ${downHz.toFixed(1).padStart(7)}` +
        `  ${`${(up * 100).toFixed(2)}%`.padStart(12)}  ${`${(down * 100).toFixed(2)}%`.padStart(14)}  ${String(drops).padStart(5)}`,
    );
    const slow = Number(tickRate) * 0.95;
    const problems = [
      connected < clients && `${clients - connected} clients not connected`,
      upHz < slow && `the load processes sent only ${upHz.toFixed(1)} states a second per client`,
      downHz < slow && `the server sent only ${downHz.toFixed(1)} snapshots a second per client`,
      up < 0.99 && `only ${(up * 100).toFixed(1)}% of the clients' states reached the server`,
      down < 0.99 && `only ${(down * 100).toFixed(1)}% of the snapshots reached the clients`,
    ].filter((problem): problem is string => typeof problem === 'string');
    if (problems.length === 0) {
      held = clients;
      failures = 0;
    } else if (++failures >= 2) {
      stopReason = `${problems.join('; ')} (server CPU ${(serverCpu * 100).toFixed(0)}%, load CPU ${(loadCpu * 100).toFixed(0)}%, server event-loop delay p99 ${after.server.eventLoopDelayP99.toFixed(0)} ms)`;
      break;
    }
  }
  console.log(
    `\nheld ${held} connected clients at ≥ 99% delivery each way; stopped: ${stopReason}`,
  );
} finally {
  for (const child of children) child.kill();
}
process.exit(0);
