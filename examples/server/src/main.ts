#!/usr/bin/env node
/**
 * `pnpm --filter server start`: the example server. See `--help`.
 */
import { ConfigError, HELP, parseConfig } from './config.js';
import { startServer } from './startServer.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`error: ${error.message}`);
    process.exit(2);
  }
  if (config === 'help') {
    console.log(HELP);
    return;
  }
  if (config.insecureHttp && config.tlsCert === undefined) {
    console.warn(
      `warning: serving tokens over plain HTTP on ${config.httpHost}: anyone on the network can read ` +
        'connection secrets. Use --tls-cert/--tls-key outside a trusted network.',
    );
  }
  const server = await startServer(config);
  console.log('netstack example server');
  console.log(`  token endpoint  ${server.url}  (POST /token, GET /metrics)`);
  console.log(
    `  game            udp ${server.udp.address}:${server.udp.port}, ${config.tickRate} ticks/s, ` +
      `up to ${config.maxClients} clients, ${config.securityMode} mode`,
  );
  console.log('  Ctrl-C stops it (clients are told first).');

  const status = setInterval(() => {
    const { world, netstack, snapshotsSent, snapshotBytes } = server.game;
    const average = snapshotsSent === 0 ? 0 : Math.round(snapshotBytes / snapshotsSent);
    console.log(
      `  tick ${world.tick}: ${netstack.connectedCount} connected, ${netstack.reservedCount} reserved, ` +
        `${netstack.metrics.packetsReceived} packets in, ${netstack.metrics.packetsSent} out, ` +
        `snapshots ${average} bytes on average`,
    );
  }, 10_000);
  status.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1); // a second Ctrl-C: leave now
    stopping = true;
    clearInterval(status);
    console.log(`\n${signal}: telling ${server.game.netstack.connectedCount} clients goodbye`);
    await server.close();
    console.log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
