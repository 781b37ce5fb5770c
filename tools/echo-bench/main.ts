/**
 * Echo benchmark: netstack's full protocol against raw node:dgram, same load, one run.
 *
 *   pnpm bench [--rounds 3] [--seconds 4] [--clients 32] [--window 8]
 *
 * Each round starts a server process and a load process for each mode in turn
 * (raw, sign, encrypt, raw, sign, ...), warms up, then counts the echoes the server
 * sends and the CPU it uses. Prints packets/s, server CPU per packet and the ratios,
 * with medians over the rounds. Every mode echoes 100-byte payloads; the netstack
 * load is real `Client`s, so the load process does the protocol's work too, and both
 * processes share the machine's cores: the figure is the whole system's throughput.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type ClientReport,
  MODES,
  type Mode,
  type ServerReady,
  type ServerReport,
} from './protocol.js';

const { values } = parseArgs({
  // pnpm passes a '--' through to the script; it separates nothing here.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '4' },
    clients: { type: 'string', default: '32' },
    window: { type: 'string', default: '4' },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const window = Number(values.window);

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function next<T>(child: ChildProcess, kind: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { kind: string }) => {
      if (message.kind !== kind) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`a benchmark process exited (${code})`)));
    child.on('error', reject);
  });
}

interface Sample {
  packetsPerSecond: number;
  cpuMicrosPerPacket: number;
  cpuShare: number;
  clientCpuShare: number;
  stalls: number;
  drops: Record<string, number>;
}

async function measure(mode: Mode): Promise<Sample> {
  const server = fork(here('./server.js'), [mode, String(clients)]);
  try {
    const ready = await next<ServerReady>(server, 'ready');
    const client = fork(here('./client.js'), [
      mode,
      String(ready.port),
      String(clients),
      String(window),
      JSON.stringify(ready.credentials),
    ]);
    try {
      await next(client, 'ready');
      await sleep(1500);
      server.send({ kind: 'start' });
      client.send({ kind: 'start' });
      const started = performance.now();
      await sleep(seconds * 1000);
      server.send({ kind: 'measure' });
      client.send({ kind: 'measure' });
      const [serverReport, clientReport] = await Promise.all([
        next<ServerReport>(server, 'report'),
        next<ClientReport>(client, 'report'),
      ]);
      const elapsed = (performance.now() - started) / 1000;
      if (clientReport.connected !== clients)
        throw new Error(`only ${clientReport.connected} clients connected`);
      return {
        packetsPerSecond: serverReport.echoed / elapsed,
        cpuMicrosPerPacket: serverReport.cpuMicros / serverReport.echoed,
        cpuShare: serverReport.cpuMicros / 1e6 / elapsed,
        clientCpuShare: clientReport.cpuMicros / 1e6 / elapsed,
        stalls: clientReport.stalls,
        drops: serverReport.drops,
      };
    } finally {
      client.kill();
    }
  } finally {
    server.kill();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const samples: Record<Mode, Sample[]> = { raw: [], sign: [], encrypt: [] };
console.log(
  `echo benchmark: ${clients} clients × ${window} in flight, 100-byte payloads, ${rounds} rounds of ${seconds} s`,
);
for (let round = 1; round <= rounds; round++) {
  for (const mode of MODES) {
    const sample = await measure(mode);
    samples[mode].push(sample);
    console.log(
      `  round ${round} ${mode.padEnd(8)} ${Math.round(sample.packetsPerSecond).toLocaleString('en').padStart(9)} packets/s` +
        `  server ${sample.cpuMicrosPerPacket.toFixed(2)} µs CPU/packet` +
        `  (CPU: server ${Math.round(sample.cpuShare * 100)}%, load ${Math.round(sample.clientCpuShare * 100)}% of a core;` +
        ` ${sample.stalls} windows lost${Object.keys(sample.drops).length > 0 ? `; server drops ${JSON.stringify(sample.drops)}` : ''})`,
    );
  }
}
const label: Record<Mode, string> = {
  raw: 'raw node:dgram echo',
  sign: 'netstack, signed',
  encrypt: 'netstack, encrypted',
};
const overhead: Record<Mode, number> = { raw: 0, sign: 24, encrypt: 24 };
const medians = Object.fromEntries(
  MODES.map((mode) => [
    mode,
    {
      pps: median(samples[mode].map((s) => s.packetsPerSecond)),
      cpu: median(samples[mode].map((s) => s.cpuMicrosPerPacket)),
    },
  ]),
) as Record<Mode, { pps: number; cpu: number }>;
console.log(
  '\nmedians                      packets/s   server µs CPU/packet   bytes/packet   vs raw (packets/s)',
);
for (const mode of MODES) {
  const { pps, cpu } = medians[mode];
  console.log(
    `  ${label[mode].padEnd(24)} ${Math.round(pps).toLocaleString('en').padStart(9)}   ${cpu.toFixed(2).padStart(20)}` +
      `   ${String(100 + overhead[mode]).padStart(12)}   ${(pps / medians.raw.pps).toFixed(2).padStart(17)}×`,
  );
}
