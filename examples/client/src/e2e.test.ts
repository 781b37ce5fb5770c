import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate as selfSignedCertificate } from 'selfsigned';
import { parseConfig, type RunningServer, type ServerConfig, startServer } from 'server';
import { afterEach, describe, expect, it } from 'vitest';
import { Bots } from './bots.js';
import { fetchCredentials, TokenRefused } from './tokenClient.js';

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await thing.stop();
});

function config(overrides: Partial<ServerConfig> = {}): ServerConfig {
  const parsed = parseConfig(['--http-port', '0', '--udp-port', '0'], {});
  if (parsed === 'help') throw new Error('unexpected help');
  return { ...parsed, ...overrides };
}

async function server(overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const started = await startServer(config(overrides));
  running.push({ stop: () => started.close() });
  return started;
}

async function bots(options: Parameters<typeof Bots.start>[0]): Promise<Bots> {
  const started = await Bots.start(options);
  running.push(started);
  return started;
}

async function until(condition: () => boolean, what: string, milliseconds = 8000): Promise<void> {
  const deadline = Date.now() + milliseconds;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function scrape(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

function metric(text: string, name: string): number {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name} `) || (l.startsWith(`${name}{`) && l.includes(name)));
  return line === undefined ? Number.NaN : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('the example server and client, end to end over real UDP', () => {
  it('hands out a token, connects, exchanges acknowledged messages both ways, and reports it in /metrics', async () => {
    const game = await server();
    const players = await bots({ server: game.url, count: 2, tickRate: 30 });
    await until(
      () =>
        players.clients.every(
          (c) => c.stats.inputsAcknowledged > 20 && c.stats.deltaSnapshots > 20,
        ),
      'both clients have inputs acknowledged and delta snapshots',
    );
    const [first] = players.clients;
    expect(first!.stats.missingBaselines).toBe(0);
    expect(first!.stats.decodeErrors).toBe(0);
    expect(first!.stats.playersInView).toBe(2);
    expect(game.game.world.playerCount).toBe(2);

    const text = await scrape(game.url);
    expect(metric(text, 'netstack_connections{state="connected"}')).toBe(2);
    expect(metric(text, 'netstack_messages_total{event="received"}')).toBeGreaterThan(40);
    expect(metric(text, 'netstack_messages_total{event="acknowledged"}')).toBeGreaterThan(40);
    expect(metric(text, 'netstack_rtt_milliseconds_count')).toBeGreaterThan(0);
    expect(metric(text, 'netstack_reservations_total')).toBe(2);
    expect(text).toContain('# TYPE netstack_drops_total counter');
  });

  it('tells every client goodbye when it shuts down', async () => {
    const started = await startServer(config());
    const players = await bots({ server: started.url, count: 3, tickRate: 30 });
    await until(() => players.clients.every((c) => c.stats.connected), 'all connected');
    await started.close();
    await until(() => players.clients.every((c) => !c.stats.connected), 'all disconnected', 3000);
    for (const client of players.clients)
      expect(client.stats.disconnectReason).toBe('closed-by-peer');
  });

  it('refuses a client with the wrong secret: it never connects, the server counts bad tags', async () => {
    const game = await server();
    const players = await bots({
      server: game.url,
      count: 1,
      tickRate: 30,
      connectTimeout: 1000,
      tamper: (credentials) => ({ ...credentials, secret: new Uint8Array(randomBytes(32)) }),
    });
    await until(
      () => players.clients[0]!.stats.disconnectReason !== undefined,
      'the client gives up',
      8000,
    );
    expect(players.clients[0]!.stats.disconnectReason).toBe('connect-timed-out');
    expect(players.clients[0]!.stats.everConnected).toBe(false);
    expect(game.game.netstack.metrics.drops['bad-tag']).toBeGreaterThan(0);
    expect(game.game.netstack.connectedCount).toBe(0);
  });

  it('refuses an unknown token, and a token already in use', async () => {
    const game = await server();
    const reused = await fetchCredentials(game.url);
    const players = await bots({
      server: game.url,
      count: 3,
      tickRate: 30,
      connectTimeout: 1000,
      tamper: (credentials, index) =>
        index === 0
          ? { ...credentials, token: new Uint8Array(randomBytes(32)) } // never reserved
          : reused, // the same credentials twice
    });
    await until(
      () =>
        players.clients.filter((c) => c.stats.disconnectReason === 'connect-timed-out').length ===
        2,
      'two clients give up',
    );
    expect(players.clients.filter((c) => c.stats.connected)).toHaveLength(1);
    const drops = game.game.netstack.metrics.drops;
    expect(drops['unknown-token']).toBeGreaterThan(0);
    expect(drops['token-in-use']).toBeGreaterThan(0);
  });

  it('answers a full server with a typed JSON error', async () => {
    const game = await server({ maxClients: 1 });
    await fetchCredentials(game.url);
    const refused = await fetchCredentials(game.url).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TokenRefused);
    expect(refused).toMatchObject({ status: 503, code: 'server-full' });
    expect((refused as TokenRefused).message).toMatch(/All 1 slots/);
  });

  it('limits token requests per address', async () => {
    const game = await server({ tokensPerMinute: 3, maxClients: 10 });
    for (let i = 0; i < 3; i++) await fetchCredentials(game.url);
    await expect(fetchCredentials(game.url)).rejects.toMatchObject({
      status: 429,
      code: 'rate-limited',
    });
  });

  it('denies a client in the other security mode, and both ends say so', async () => {
    const game = await server({ securityMode: 'sign' });
    const players = await bots({
      server: game.url,
      count: 1,
      tickRate: 30,
      securityMode: 'encrypt',
    });
    await until(
      () => players.clients[0]!.stats.disconnectReason !== undefined,
      'the client is denied',
    );
    expect(players.clients[0]!.stats.disconnectReason).toBe('denied-security-mode');
    expect(game.game.netstack.metrics.connectionsClosed['denied-security-mode']).toBe(1);
  });

  it('serves tokens over HTTPS when given a certificate and key', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'netstack-tls-'));
    try {
      const pems = await selfSignedCertificate([{ name: 'commonName', value: '127.0.0.1' }], {
        extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
      });
      const [cert, key] = [join(directory, 'cert.pem'), join(directory, 'key.pem')];
      writeFileSync(cert, pems.cert);
      writeFileSync(key, pems.private);
      const game = await server({ tlsCert: cert, tlsKey: key });
      expect(game.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      // Without trusting the certificate the client refuses to talk; trusting it, it plays.
      await expect(fetchCredentials(game.url)).rejects.toThrow(/self-signed|certificate/);
      const players = await bots({ server: game.url, count: 1, tickRate: 30, caFile: cert });
      await until(() => players.clients[0]!.stats.inputsAcknowledged > 5, 'inputs acknowledged');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('serves an encrypt-mode game to clients that follow the token endpoint', async () => {
    const game = await server({ securityMode: 'encrypt' });
    const players = await bots({ server: game.url, count: 1, tickRate: 30 });
    await until(() => players.clients[0]!.stats.deltaSnapshots > 5, 'delta snapshots arrive');
    expect(players.clients[0]!.stats.decodeErrors).toBe(0);
  });
});
