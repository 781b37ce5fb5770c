import { randomBytes } from 'node:crypto';
import type { PeerAddress, SecurityMode, Server } from '@netstack/core';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { NetstackPrometheus } from './prometheus.js';

/** What `POST /token` answers: everything a client needs to connect. */
export interface TokenResponse {
  /** 32 bytes, base64url: the connection's secret. Keep it secret. */
  secret: string;
  /** 32 bytes, base64url: names the reserved slot in the connection request. */
  token: string;
  /** The UDP address to connect to. */
  server: PeerAddress;
  securityMode: SecurityMode;
  /** The reservation lapses if the client has not connected by then. */
  expiresInMs: number;
}

/** What every error answer looks like: a code to switch on and a sentence for people. */
export interface ErrorResponse {
  error: 'server-full' | 'token-in-use' | 'rate-limited' | 'not-found' | 'internal';
  message: string;
}

export interface TokenEndpointOptions {
  server: Server;
  publicAddress: PeerAddress;
  securityMode: SecurityMode;
  reservationTimeout: number;
  tokensPerMinute: number;
  prometheus: NetstackPrometheus;
}

/**
 * The trust anchor: `POST /token` makes a fresh secret and token, reserves a slot for
 * them in the game server running in this same process (a direct call: nothing crosses
 * a process boundary), and hands them out. Your real endpoint would authenticate the
 * player first. `GET /metrics` serves the Prometheus metrics.
 */
export function createTokenEndpoint(options: TokenEndpointOptions): Express {
  const app = express();
  app.disable('x-powered-by');

  const perAddress = rateLimit({
    windowMs: 60_000,
    limit: options.tokensPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_request, response) => {
      const body: ErrorResponse = {
        error: 'rate-limited',
        message: `At most ${options.tokensPerMinute} tokens a minute per address; retry later.`,
      };
      response.status(429).json(body);
    },
  });

  app.post('/token', perAddress, (_request, response) => {
    const secret = randomBytes(32);
    const token = randomBytes(32);
    const reserved = options.server.reserve(secret, token);
    if (!reserved.ok) {
      const code = reserved.error.code === 'server-full' ? 'server-full' : 'token-in-use';
      const body: ErrorResponse = { error: code, message: reserved.error.message };
      response.status(503).set('Retry-After', '5').json(body);
      return;
    }
    const body: TokenResponse = {
      secret: secret.toString('base64url'),
      token: token.toString('base64url'),
      server: options.publicAddress,
      securityMode: options.securityMode,
      expiresInMs: options.reservationTimeout,
    };
    response.set('Cache-Control', 'no-store').json(body);
  });

  app.get('/metrics', async (_request, response) => {
    response.type(options.prometheus.contentType).send(await options.prometheus.scrape());
  });

  app.get('/', (_request, response) => {
    response.json({
      endpoints: { 'POST /token': 'connection credentials', 'GET /metrics': 'Prometheus metrics' },
    });
  });

  app.use((_request, response) => {
    const body: ErrorResponse = { error: 'not-found', message: 'Try POST /token or GET /metrics.' };
    response.status(404).json(body);
  });

  const onError: ErrorRequestHandler = (error, _request, response, _next) => {
    console.error(error);
    const body: ErrorResponse = { error: 'internal', message: 'The server failed; see its log.' };
    response.status(500).json(body);
  };
  app.use(onError);
  return app;
}
