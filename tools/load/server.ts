/**
 * The load run's server process: one netstack `Server` on UDP, a 30 Hz game loop that
 * counts the clients' states and sends every connected client a snapshot each tick.
 */
import { randomBytes } from 'node:crypto';
import { Server, UdpTransport } from '@netstack/core';
import type { FromServer, ToServer } from './protocol.js';
import { ProcessSampler } from './sampler.js';

const tickRate = Number(process.argv[2] ?? 30);
const maxClients = Number(process.argv[3] ?? 8192);
const snapshotBytes = Number(process.argv[4] ?? 64);
const securityMode = process.argv[5] === 'encrypt' ? 'encrypt' : 'sign';

const transport = await UdpTransport.bind({
  address: '127.0.0.1',
  receiveBufferBytes: 8 << 20,
  sendBufferBytes: 8 << 20,
  maxQueuedDatagrams: 65_536,
});
const server = new Server({
  transport,
  maxConnections: maxClients,
  securityMode,
  reservationTimeout: 60_000,
  timeout: 15_000,
  requestsPerSecondPerAddress: 100_000,
  requestBurstPerAddress: 100_000,
});
const connected = new Set<number>();
const snapshot = new Uint8Array(snapshotBytes).fill(3);
let received = 0;
let sent = 0;
const sampler = new ProcessSampler();
const send = (message: FromServer) => process.send?.(message);

setInterval(() => {
  for (const event of server.update(performance.now())) {
    if (event.type === 'message') received++;
    else if (event.type === 'connected') connected.add(event.connection);
    else if (event.type === 'disconnected') connected.delete(event.connection);
  }
  for (const handle of connected) {
    server.send(handle as Parameters<Server['send']>[0], snapshot);
    sent++;
  }
}, 1000 / tickRate);

process.on('message', (message: ToServer) => {
  if (message.kind === 'reserve') {
    const credentials = Array.from({ length: message.count }, () => {
      const secret = randomBytes(32);
      const token = randomBytes(32);
      const reserved = server.reserve(secret, token);
      if (!reserved.ok) throw reserved.error;
      return { secret: secret.toString('base64'), token: token.toString('base64') };
    });
    send({ kind: 'reserved', credentials });
  } else {
    send(
      sampler.sample({
        connected: server.connectedCount,
        messagesIn: received,
        messagesOut: sent,
        dropped: transport.droppedDatagrams + transport.droppedSends,
      }),
    );
  }
});
process.on('SIGTERM', () => process.exit(0));
send({ kind: 'ready', port: transport.localAddress.port });
