import { isIP } from 'node:net';
import { UdpTransport } from '@netstack/core';
import { GameClient } from './gameClient.js';
import { type Credentials, fetchCredentials } from './tokenClient.js';

export interface BotsOptions {
  /** The token endpoint's base URL. */
  server: string;
  count: number;
  tickRate: number;
  /** Trust this CA certificate (PEM) for HTTPS. */
  caFile?: string;
  /** Override the mode the token endpoint announces (to see a mismatch denied). */
  securityMode?: 'sign' | 'encrypt';
  /** Give up connecting after this long. @default 5000 */
  connectTimeout?: number;
  /** Use these instead of the endpoint's (tests: wrong secrets, reused tokens). */
  tamper?: (credentials: Credentials, index: number) => Credentials;
}

/** `count` game clients in this process, each with its own UDP socket, ticking together. */
export class Bots {
  readonly clients: GameClient[] = [];
  private timer: NodeJS.Timeout | undefined;

  static async start(options: BotsOptions): Promise<Bots> {
    const bots = new Bots();
    for (let i = 0; i < options.count; i++) {
      let credentials = await fetchCredentials(options.server, options.caFile);
      if (options.tamper) credentials = options.tamper(credentials, i);
      const ipv6 = isIP(credentials.server.address) === 6;
      const transport = await UdpTransport.bind({ address: ipv6 ? '::' : '0.0.0.0' });
      const mode = options.securityMode ?? credentials.securityMode;
      const client = new GameClient(transport, mode, options.connectTimeout);
      client.connect(credentials);
      bots.clients.push(client);
    }
    bots.timer = setInterval(() => bots.update(performance.now()), 1000 / options.tickRate);
    bots.update(performance.now());
    return bots;
  }

  update(now: number): void {
    for (const client of this.clients) client.update(now);
  }

  /** Says goodbye to the server, lets the packets go, closes every socket. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    for (const client of this.clients) client.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const client of this.clients) client.close();
  }
}
