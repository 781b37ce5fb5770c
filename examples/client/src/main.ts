#!/usr/bin/env node
/**
 * `pnpm --filter client start`: the example client. See `--help`.
 */
import { parseArgs } from 'node:util';
import { Bots } from './bots.js';
import { formatLine, startLiveLine, totals } from './liveLine.js';

const HELP = `netstack example client: fetches a token, connects over UDP, plays.

Usage: pnpm --filter client start [-- options]

Options:
  --server <url>        the token endpoint               http://127.0.0.1:8080
  --bots <n>            clients to run in this process   1
  --duration <seconds>  stop after this long; 0 = Ctrl-C  0
  --tick-rate <hz>      inputs sent per second           30
  --ca <file>           trust this CA (PEM) for HTTPS
  -h, --help            print this help`;

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    server: { type: 'string', default: 'http://127.0.0.1:8080' },
    bots: { type: 'string', default: '1' },
    duration: { type: 'string', default: '0' },
    'tick-rate': { type: 'string', default: '30' },
    ca: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const count = Number(values.bots);
const duration = Number(values.duration);
const tickRate = Number(values['tick-rate']);
if (
  !Number.isInteger(count) ||
  count < 1 ||
  !(duration >= 0) ||
  !(tickRate > 0 && tickRate <= 240)
) {
  console.error('error: --bots must be a whole number ≥ 1, --duration ≥ 0, --tick-rate 1 to 240.');
  process.exit(2);
}

let bots: Bots;
try {
  bots = await Bots.start({
    server: values.server,
    count,
    tickRate,
    ...(values.ca ? { caFile: values.ca } : {}),
  });
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
}
const stopLine = startLiveLine(() => formatLine(totals(bots.clients)));

const stop = async () => {
  stopLine();
  await bots.stop();
  const reasons = bots.clients.map((c) => c.stats.disconnectReason).filter((r) => r !== undefined);
  if (reasons.length > 0) console.log(`disconnects: ${[...new Set(reasons)].join(', ')}`);
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
if (duration > 0) setTimeout(() => void stop(), duration * 1000);
