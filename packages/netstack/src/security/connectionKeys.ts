import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { NetstackError } from '../errors.js';
import type { SecurityMode } from './securityMode.js';

export const SECRET_BYTES = 32;
const KEY_BYTES = 32;
const encoder = new TextEncoder();
const SALT = encoder.encode('netstack/1');

/** One key per direction, so a packet reflected back at its sender never verifies. */
export interface DirectionalKeys {
  readonly clientToServer: Uint8Array;
  readonly serverToClient: Uint8Array;
}

/**
 * The keys of one connection. Handshake keys sign connection requests and denials with
 * HMAC in every security mode, so a server can read a request in either mode and deny a
 * mismatch with an answer the client can trust; traffic keys protect everything else
 * with the connection's mode.
 */
export interface ConnectionKeys {
  readonly handshake: DirectionalKeys;
  readonly traffic: DirectionalKeys;
}

/**
 * Derives a connection's keys from its 32-byte secret with HKDF-SHA256 (RFC 5869),
 * salt `netstack/1` and an info label per key (`handshake client-to-server`,
 * `<mode> server-to-client`, ...), so no two uses ever share a key.
 *
 * @example
 * ```ts
 * const keys = deriveConnectionKeys(secret, 'sign');
 * const outbound = new HmacProtection(keys.traffic.clientToServer);
 * ```
 */
export function deriveConnectionKeys(secret: Uint8Array, mode: SecurityMode): ConnectionKeys {
  assertKeyBytes(secret, 'secret');
  const derive = (label: string) => hkdf(sha256, secret, SALT, encoder.encode(label), KEY_BYTES);
  return {
    handshake: {
      clientToServer: derive('handshake client-to-server'),
      serverToClient: derive('handshake server-to-client'),
    },
    traffic: {
      clientToServer: derive(`${mode} client-to-server`),
      serverToClient: derive(`${mode} server-to-client`),
    },
  };
}

/** Throws `invalid-key` unless `bytes` is a 32-byte Uint8Array. */
export function assertKeyBytes(
  bytes: unknown,
  name: 'secret' | 'token',
): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array) || bytes.length !== SECRET_BYTES) {
    const got = bytes instanceof Uint8Array ? `${bytes.length} bytes` : `a ${typeof bytes}`;
    throw new NetstackError(
      'invalid-key',
      `The ${name} must be a Uint8Array of exactly ${SECRET_BYTES} bytes, but got ${got}. ` +
        `Create one with crypto.getRandomValues(new Uint8Array(${SECRET_BYTES})).`,
    );
  }
}
