/**
 * The server side of the echo benchmark, in its own process: echoes every 100-byte
 * payload back, either with node:dgram alone (`raw`) or through a netstack `Server`
 * (header parse, replay window, verify, acks, events, seal) in `sign` or `encrypt` mode.
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { Server, UdpTransport } from '@netstack/core';
import type { Mode, ServerReady, ServerReport } from './protocol.js';

const mode = process.argv[2] as Mode;
const clients = Number(process.argv[3]);
let echoed = 0;
/** Drops the netstack server counted, by reason (empty in raw mode). */
let drops: Record<string, number> = {};

function listen(): Promise<ServerReady> {
  if (mode === 'raw') {
    const socket = createSocket('udp4');
    socket.on('message', (bytes, from) => {
      echoed++;
      socket.send(bytes, from.port, from.address);
    });
    return new Promise((resolve) =>
      socket.bind(0, '127.0.0.1', () =>
        resolve({ kind: 'ready', port: socket.address().port, credentials: [] }),
      ),
    );
  }
  return UdpTransport.bind({ address: '127.0.0.1', receiveBufferBytes: 4 << 20 }).then(
    (transport) => {
      const server = new Server({
        transport,
        maxConnections: clients,
        timeout: 30_000,
        securityMode: mode,
        // Every load client shares 127.0.0.1: let them all connect at once.
        requestsPerSecondPerAddress: 10_000,
        requestBurstPerAddress: 10_000,
      });
      const credentials = Array.from({ length: clients }, () => {
        const secret = randomBytes(32);
        const token = randomBytes(32);
        const reserved = server.reserve(secret, token);
        if (!reserved.ok) throw reserved.error;
        return { secret: secret.toString('base64'), token: token.toString('base64') };
      });
      drops = server.metrics.drops;
      const loop = () => {
        for (const event of server.update(performance.now())) {
          if (event.type === 'message') {
            echoed++;
            server.send(event.connection, event.payload);
          }
        }
        // A busy loop: under full load every update has datagrams to read.
        setImmediate(loop);
      };
      loop();
      return { kind: 'ready', port: transport.localAddress.port, credentials };
    },
  );
}

let cpuStart = process.cpuUsage();
let echoedStart = 0;
let heapStart = 0;
process.on('message', (message: { kind: string }) => {
  if (message.kind === 'start') {
    cpuStart = process.cpuUsage();
    echoedStart = echoed;
    heapStart = process.memoryUsage().heapUsed;
  } else if (message.kind === 'measure') {
    const cpu = process.cpuUsage(cpuStart);
    const report: ServerReport = {
      kind: 'report',
      echoed: echoed - echoedStart,
      cpuMicros: cpu.user + cpu.system,
      heapUsedBefore: heapStart,
      heapUsedAfter: process.memoryUsage().heapUsed,
      drops: Object.fromEntries(Object.entries(drops).filter(([, count]) => count > 0)),
    };
    process.send?.(report);
  }
});

process.on('SIGTERM', () => process.exit(0));
listen().then((ready) => process.send?.(ready));
