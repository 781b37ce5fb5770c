import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PeerAddress, SecurityMode } from '@netstack/core';

/** What the client needs to connect, from the token endpoint. */
export interface Credentials {
  secret: Uint8Array;
  token: Uint8Array;
  server: PeerAddress;
  securityMode: SecurityMode;
}

/** The token endpoint said no (server full, rate limited, ...): `code` says which. */
export class TokenRefused extends Error {
  override readonly name = 'TokenRefused';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Asks the token endpoint at `baseUrl` for credentials (`POST /token`). `caFile` trusts
 * a self-signed certificate for HTTPS.
 */
export async function fetchCredentials(baseUrl: string, caFile?: string): Promise<Credentials> {
  const url = new URL('/token', baseUrl);
  const { status, body } = await post(url, caFile);
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch {
    throw new TokenRefused(
      status,
      'bad-response',
      `${url} answered ${status} with something that is not JSON.`,
    );
  }
  if (status !== 200) {
    throw new TokenRefused(status, String(json.error), String(json.message ?? `HTTP ${status}`));
  }
  const server = json.server as PeerAddress;
  return {
    secret: new Uint8Array(Buffer.from(String(json.secret), 'base64url')),
    token: new Uint8Array(Buffer.from(String(json.token), 'base64url')),
    server: { address: server.address, port: server.port },
    securityMode: json.securityMode === 'encrypt' ? 'encrypt' : 'sign',
  };
}

function post(url: URL, caFile: string | undefined): Promise<{ status: number; body: string }> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const ca = caFile === undefined ? undefined : readFileSync(caFile);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' }, ...(ca ? { ca } : {}) },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on('error', (error) =>
      reject(
        new Error(
          `Cannot reach the token endpoint at ${url}: ${error.message}. Is the server running?`,
        ),
      ),
    );
    outgoing.end('{}');
  });
}
