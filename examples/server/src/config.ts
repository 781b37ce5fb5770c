import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import type { SecurityMode } from '@netstack/core';

/** Everything the example server can be told, by flag or environment variable. */
export interface ServerConfig {
  /** Where the token endpoint listens. */
  httpHost: string;
  httpPort: number;
  /** Where the game's UDP socket listens. */
  udpHost: string;
  udpPort: number;
  /** The UDP address clients are told to connect to. */
  publicAddress: string;
  tickRate: number;
  maxClients: number;
  securityMode: SecurityMode;
  /** PEM files: with both, the token endpoint speaks HTTPS. */
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  /** Plain HTTP on an address other than loopback: only when asked for. */
  insecureHttp: boolean;
  /** Token requests per minute per client address. */
  tokensPerMinute: number;
}

export const HELP = `netstack example server: a token endpoint (express) and a UDP game server.

Usage: pnpm --filter server start [-- options]

Options (environment variable in brackets):
  --http-host <ip>        token endpoint address            [HTTP_HOST]   127.0.0.1
  --http-port <port>      token endpoint port, 0 = any      [HTTP_PORT]   8080
  --udp-host <ip>         game socket address               [UDP_HOST]    127.0.0.1
  --udp-port <port>       game socket port, 0 = any         [UDP_PORT]    40000
  --public-address <ip>   address clients connect to        [PUBLIC_ADDRESS]
                          (default: the game socket's, or loopback for 0.0.0.0 / ::)
  --tick-rate <hz>        simulation and snapshot rate      [TICK_RATE]   30
  --max-clients <n>       slots, reserved or connected      [MAX_CLIENTS] 64
  --security-mode <mode>  sign | encrypt                    [SECURITY_MODE] sign
  --tls-cert <file>       PEM certificate: serve HTTPS      [TLS_CERT]
  --tls-key <file>        PEM private key                   [TLS_KEY]
  --insecure-http         allow plain HTTP on an address other than loopback
                          (tokens are secrets: use only on a trusted network)
  --tokens-per-minute <n> token requests per client address [TOKENS_PER_MINUTE] 30
  -h, --help              print this help

Endpoints: POST /token (a secret, a token and the UDP address), GET /metrics (Prometheus).
Stop with Ctrl-C: every client is told before the server exits.`;

/** A configuration mistake, with a message that says what to do. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The configuration from `argv` and `env`, or `'help'` when help was asked for. */
export function parseConfig(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): ServerConfig | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv.filter((arg) => arg !== '--'),
      options: {
        'http-host': { type: 'string' },
        'http-port': { type: 'string' },
        'udp-host': { type: 'string' },
        'udp-port': { type: 'string' },
        'public-address': { type: 'string' },
        'tick-rate': { type: 'string' },
        'max-clients': { type: 'string' },
        'security-mode': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'insecure-http': { type: 'boolean' },
        'tokens-per-minute': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\nRun with --help for the options.`);
  }
  if (values.help) return 'help';
  const text = (flag: string, variable: string, fallback?: string) =>
    (values[flag] as string | undefined) ?? env[variable] ?? fallback;

  const httpHost = address('--http-host', text('http-host', 'HTTP_HOST', '127.0.0.1')!);
  const udpHost = address('--udp-host', text('udp-host', 'UDP_HOST', '127.0.0.1')!);
  const securityMode = text('security-mode', 'SECURITY_MODE', 'sign');
  if (securityMode !== 'sign' && securityMode !== 'encrypt') {
    throw new ConfigError(`--security-mode must be sign or encrypt, not ${securityMode}.`);
  }
  const tlsCert = text('tls-cert', 'TLS_CERT');
  const tlsKey = text('tls-key', 'TLS_KEY');
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new ConfigError('HTTPS needs both --tls-cert and --tls-key (PEM files).');
  }
  const insecureHttp = values['insecure-http'] === true;
  if (tlsCert === undefined && !isLoopback(httpHost) && !insecureHttp) {
    throw new ConfigError(
      `The token endpoint hands out connection secrets, so it speaks plain HTTP only on loopback; ` +
        `${httpHost} is not. Give --tls-cert and --tls-key to serve HTTPS, or --insecure-http ` +
        'if this network is trusted.',
    );
  }
  return {
    httpHost,
    httpPort: integer('--http-port', text('http-port', 'HTTP_PORT', '8080')!, 0, 65_535),
    udpHost,
    udpPort: integer('--udp-port', text('udp-port', 'UDP_PORT', '40000')!, 0, 65_535),
    publicAddress: address(
      '--public-address',
      text('public-address', 'PUBLIC_ADDRESS', publicFor(udpHost))!,
    ),
    tickRate: integer('--tick-rate', text('tick-rate', 'TICK_RATE', '30')!, 1, 240),
    maxClients: integer('--max-clients', text('max-clients', 'MAX_CLIENTS', '64')!, 1, 4096),
    securityMode,
    tlsCert,
    tlsKey,
    insecureHttp,
    tokensPerMinute: integer(
      '--tokens-per-minute',
      text('tokens-per-minute', 'TOKENS_PER_MINUTE', '30')!,
      1,
      1_000_000,
    ),
  };
}

export function isLoopback(host: string): boolean {
  return host === '::1' || host.startsWith('127.') || host === '::ffff:127.0.0.1';
}

function publicFor(udpHost: string): string {
  if (udpHost === '0.0.0.0') return '127.0.0.1';
  if (udpHost === '::') return '::1';
  return udpHost;
}

function address(flag: string, value: string): string {
  if (isIP(value) === 0) {
    throw new ConfigError(
      `${flag} must be an IP address such as 127.0.0.1 or ::1, not ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

function integer(flag: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new ConfigError(
      `${flag} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}.`,
    );
  }
  return number;
}
