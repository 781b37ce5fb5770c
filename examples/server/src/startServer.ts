import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type PeerAddress, Server, UdpTransport } from '@netstack/core';
import type { ServerConfig } from './config.js';
import { GameServer } from './gameServer.js';
import { NetstackPrometheus } from './prometheus.js';
import { createTokenEndpoint } from './tokenEndpoint.js';

/** How long a reservation waits for its client. */
const RESERVATION_TIMEOUT = 10_000;

export interface RunningServer {
  /** The token endpoint's base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** Where the game's UDP socket listens. */
  readonly udp: PeerAddress;
  readonly game: GameServer;
  readonly prometheus: NetstackPrometheus;
  /** Tells every client goodbye, stops the game and the token endpoint. */
  close(): Promise<void>;
}

/** Starts the game server, its token endpoint and its metrics, as `config` says. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const prometheus = new NetstackPrometheus();
  const transport = await UdpTransport.bind({ address: config.udpHost, port: config.udpPort });
  const netstack = new Server({
    transport,
    maxConnections: config.maxClients,
    securityMode: config.securityMode,
    reservationTimeout: RESERVATION_TIMEOUT,
    monitor: prometheus.monitor,
  });
  prometheus.watch(netstack);
  const game = new GameServer(netstack, config.tickRate);
  game.start();
  const lossSampler = setInterval(() => prometheus.sampleLoss(game.connectionLosses()), 1000);

  const udp = transport.localAddress;
  const app = createTokenEndpoint({
    server: netstack,
    publicAddress: { address: config.publicAddress, port: udp.port },
    securityMode: config.securityMode,
    reservationTimeout: RESERVATION_TIMEOUT,
    tokensPerMinute: config.tokensPerMinute,
    prometheus,
  });
  const secure = config.tlsCert !== undefined && config.tlsKey !== undefined;
  const http: HttpServer = secure
    ? createHttpsServer(
        { cert: readFileSync(config.tlsCert!), key: readFileSync(config.tlsKey!) },
        app,
      )
    : createHttpServer(app);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.httpPort, config.httpHost, resolve);
  });
  const { port } = http.address() as AddressInfo;
  const host = config.httpHost.includes(':') ? `[${config.httpHost}]` : config.httpHost;

  let closing: Promise<void> | undefined;
  return {
    url: `${secure ? 'https' : 'http'}://${host}:${port}`,
    udp,
    game,
    prometheus,
    close() {
      closing ??= (async () => {
        clearInterval(lossSampler);
        game.stop();
        netstack.close(); // sends every client its disconnect packets
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
        // Let node:dgram flush the goodbyes before the process may exit.
        await new Promise((resolve) => setTimeout(resolve, 50));
      })();
      return closing;
    },
  };
}
