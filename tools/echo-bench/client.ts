/**
 * The load of the echo benchmark, in its own process: `clients` peers, each keeping
 * `window` payloads in flight and sending a new one for every echo. In `raw` mode they
 * are plain dgram sockets; otherwise real netstack `Client`s in that mode, so both sides
 * of the protocol run in full.
 */
import { createSocket } from 'node:dgram';
import { Client, UdpTransport } from '@netstack/core';
import { type ClientReport, type Credentials, type Mode, PAYLOAD_BYTES } from './protocol.js';
import { EchoWindow } from './window.js';

const mode = process.argv[2] as Mode;
const port = Number(process.argv[3]);
const clients = Number(process.argv[4]);
const window = Number(process.argv[5]);
const credentials = JSON.parse(process.argv[6] ?? '[]') as Credentials[];
let received = 0;
let connected = 0;

async function startRaw(): Promise<EchoWindow[]> {
  const windows: EchoWindow[] = [];
  for (let i = 0; i < clients; i++) {
    const socket = createSocket('udp4');
    // dgram reads the buffer on a later tick, so each raw send gets its own copy.
    const echoes = new EchoWindow(window, Buffer.alloc(PAYLOAD_BYTES, 7), (payload) =>
      socket.send(Buffer.from(payload), port, '127.0.0.1'),
    );
    socket.on('message', (bytes) => {
      received++;
      echoes.echo(bytes);
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    connected++;
    echoes.fill();
    windows.push(echoes);
  }
  return windows;
}

async function startNetstack(): Promise<EchoWindow[]> {
  const clientsAndWindows: [Client, EchoWindow][] = [];
  for (const { secret, token } of credentials) {
    const client = new Client({
      transport: await UdpTransport.bind({ address: '127.0.0.1' }),
      timeout: 30_000,
      securityMode: mode === 'encrypt' ? 'encrypt' : 'sign',
    });
    client.connect(
      { address: '127.0.0.1', port },
      Buffer.from(secret, 'base64'),
      Buffer.from(token, 'base64'),
    );
    const echoes = new EchoWindow(window, Buffer.alloc(PAYLOAD_BYTES, 7), (payload) =>
      client.send(payload),
    );
    clientsAndWindows.push([client, echoes]);
  }
  // A busy loop: under full load every update has datagrams to read.
  const loop = () => {
    const now = performance.now();
    for (const [client, echoes] of clientsAndWindows) {
      for (const event of client.update(now)) {
        if (event.type === 'message') {
          received++;
          echoes.echo(event.data.subarray(event.offset));
        } else if (event.type === 'connected') {
          connected++;
          echoes.fill();
        }
      }
    }
    setImmediate(loop);
  };
  loop();
  return clientsAndWindows.map(([, echoes]) => echoes);
}

let receivedStart = 0;
let cpuStart = process.cpuUsage();
process.on('message', (message: { kind: string }) => {
  if (message.kind === 'start') {
    receivedStart = received;
    cpuStart = process.cpuUsage();
  } else if (message.kind === 'measure') {
    const cpu = process.cpuUsage(cpuStart);
    const report: ClientReport = {
      kind: 'report',
      received: received - receivedStart,
      connected,
      cpuMicros: cpu.user + cpu.system,
      stalls: windows.reduce((sum, echoes) => sum + echoes.stalls, 0),
    };
    process.send?.(report);
  }
});

process.on('SIGTERM', () => process.exit(0));
let windows: EchoWindow[] = [];
(mode === 'raw' ? startRaw() : startNetstack()).then((started) => {
  windows = started;
  setInterval(() => {
    const now = performance.now();
    for (const echoes of windows) echoes.checkStall(now);
  }, 50);
  process.send?.({ kind: 'ready' });
});
