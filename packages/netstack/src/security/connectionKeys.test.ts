import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { NetstackError } from '../errors.js';
import { deriveConnectionKeys } from './connectionKeys.js';

const secret = new Uint8Array(32).map((_, i) => 255 - i);
const text = (s: string) => new TextEncoder().encode(s);

describe('deriveConnectionKeys', () => {
  it('derives each key with HKDF-SHA256, salt netstack/1 and its own label', () => {
    const keys = deriveConnectionKeys(secret, 'sign');
    expect(keys.traffic.clientToServer).toEqual(
      hkdf(sha256, secret, text('netstack/1'), text('sign client-to-server'), 32),
    );
    expect(keys.handshake.serverToClient).toEqual(
      hkdf(sha256, secret, text('netstack/1'), text('handshake server-to-client'), 32),
    );
  });

  it('gives every direction, purpose and mode a different key', () => {
    const sign = deriveConnectionKeys(secret, 'sign');
    const encrypt = deriveConnectionKeys(secret, 'encrypt');
    const all = [
      sign.handshake.clientToServer,
      sign.handshake.serverToClient,
      sign.traffic.clientToServer,
      sign.traffic.serverToClient,
      encrypt.traffic.clientToServer,
      encrypt.traffic.serverToClient,
    ].map((key) => Buffer.from(key).toString('hex'));
    expect(new Set(all).size).toBe(all.length);
    expect(encrypt.handshake).toEqual(sign.handshake);
  });

  it('refuses a secret that is not 32 bytes, saying how to make one', () => {
    expect(() => deriveConnectionKeys(new Uint8Array(16), 'sign')).toThrow(NetstackError);
    expect(() => deriveConnectionKeys(new Uint8Array(16), 'sign')).toThrow(
      /exactly 32 bytes, but got 16 bytes.*getRandomValues/,
    );
  });
});
