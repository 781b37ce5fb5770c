#!/usr/bin/env node
/**
 * `pnpm demo`: starts the example server in its own process, runs a few bot clients
 * against it for a few seconds, prints a summary and exits 0 when everything worked.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bots } from './bots.js';
import { formatLine, startLiveLine, totals } from './liveLine.js';

const CLIENTS = 8;
const SECONDS = 5;

const serverMain = join(dirname(fileURLToPath(import.meta.resolve('server'))), 'main.js');

/** Starts the server on free ports and waits for its token endpoint's URL. */
function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [serverMain, '--http-port', '0', '--udp-port', '0', '--max-clients', '16'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    let partial = '';
    const timer = setTimeout(
      () => reject(new Error(`the server did not start within 30 s:\n${output}`)),
      30_000,
    );
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      output += chunk;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) process.stdout.write(`[server] ${line}\n`);
      const url = /token endpoint\s+(https?:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it was ready:\n${output}`));
    });
  });
}

function waitForExit(child: ChildProcess, milliseconds: number): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, milliseconds);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

const { child, url } = await startServer();
console.log(`\n${CLIENTS} bot clients play for ${SECONDS} s against ${url}\n`);
const bots = await Bots.start({ server: url, count: CLIENTS, tickRate: 30 });
const stopLine = startLiveLine(() => formatLine(totals(bots.clients)));
await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
stopLine();
const t = totals(bots.clients);
await bots.stop();
child.kill('SIGINT');
const serverExit = await waitForExit(child, 10_000);

const percent = (part: number, whole: number) =>
  whole === 0 ? '0' : ((part / whole) * 100).toFixed(1);
console.log(`\ndemo summary (${SECONDS} s, ${CLIENTS} clients, one server)`);
console.log(`  clients connected        ${t.everConnected} of ${t.clients}`);
console.log(
  `  inputs sent / acked      ${t.inputsSent} / ${t.inputsAcknowledged} (${percent(t.inputsAcknowledged, t.inputsSent)}%)`,
);
console.log(
  `  snapshots received       ${t.snapshots}, ${t.deltaSnapshots} delta-compressed against an acknowledged one, ` +
    `${t.snapshots === 0 ? 0 : Math.round(t.snapshotBytes / t.snapshots)} bytes on average`,
);
console.log(
  `  round-trip time          ${t.rtt.toFixed(2)} ms (mean of the clients' smoothed RTT)`,
);
console.log(`  packet loss              ${(t.loss * 100).toFixed(1)}%`);
console.log(
  `  server stopped           ${serverExit === 0 ? 'cleanly on SIGINT' : `badly (exit ${serverExit})`}`,
);

const problems = [
  t.everConnected < CLIENTS && `only ${t.everConnected} of ${CLIENTS} clients connected`,
  t.inputsAcknowledged === 0 && 'no input was acknowledged',
  t.deltaSnapshots === 0 && 'no snapshot was delta-compressed',
  t.missingBaselines > 0 &&
    `${t.missingBaselines} snapshots named a baseline the client did not have`,
  t.decodeErrors > 0 && `${t.decodeErrors} payloads did not decode`,
  serverExit !== 0 && 'the server did not stop cleanly',
].filter(Boolean);
if (problems.length > 0) {
  console.error(`\ndemo failed: ${problems.join('; ')}`);
  process.exit(1);
}
console.log('\ndemo ok');
process.exit(0);
