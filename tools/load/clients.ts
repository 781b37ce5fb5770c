/**
 * A load process of the load run: real netstack `Client`s, each on its own UDP socket,
 * each sending a small state packet every tick and counting the snapshots it gets.
 */
import { Client, UdpTransport } from '@netstack/core';
import type { FromLoad, ToLoad } from './protocol.js';
import { ProcessSampler } from './sampler.js';

const port = Number(process.argv[2]);
const tickRate = Number(process.argv[3] ?? 30);
const stateBytes = Number(process.argv[4] ?? 16);
const securityMode = process.argv[5] === 'encrypt' ? 'encrypt' : 'sign';

const clients: Client[] = [];
const transports: UdpTransport[] = [];
const state = new Uint8Array(stateBytes).fill(5);
let sent = 0;
let received = 0;
const sampler = new ProcessSampler();
const send = (message: FromLoad) => process.send?.(message);

setInterval(() => {
  const now = performance.now();
  for (const client of clients) {
    for (const event of client.update(now)) if (event.type === 'message') received++;
    if (client.state === 'connected') {
      client.send(state);
      sent++;
    }
  }
}, 1000 / tickRate);

process.on('message', async (message: ToLoad) => {
  if (message.kind === 'add') {
    for (const { secret, token } of message.credentials) {
      const transport = await UdpTransport.bind({ address: '127.0.0.1' });
      const client = new Client({
        transport,
        securityMode,
        timeout: 15_000,
        connectTimeout: 20_000,
      });
      client.connect(
        { address: '127.0.0.1', port },
        Buffer.from(secret, 'base64'),
        Buffer.from(token, 'base64'),
      );
      clients.push(client);
      transports.push(transport);
    }
    send({ kind: 'added' });
  } else {
    send(
      sampler.sample({
        connected: clients.filter((client) => client.state === 'connected').length,
        messagesIn: received,
        messagesOut: sent,
        dropped: transports.reduce((sum, t) => sum + t.droppedDatagrams + t.droppedSends, 0),
      }),
    );
  }
});
process.on('SIGTERM', () => process.exit(0));
send({ kind: 'ready' });
