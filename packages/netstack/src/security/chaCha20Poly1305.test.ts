import { poly1305 } from '@noble/ciphers/_poly1305.js';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChaCha20Poly1305Protection } from './chaCha20Poly1305Protection.js';
import { ChaCha20 } from './chacha20.js';
import { Poly1305 } from './poly1305.js';

const hex = (s: string) => hexToBytes(s.replace(/[\s:]/g, ''));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const wordsLE = (b: Uint8Array) =>
  Int32Array.from({ length: b.length / 4 }, (_, i) =>
    new DataView(b.buffer, b.byteOffset).getInt32(i * 4, true),
  );

function keystreamBytes(cipher: ChaCha20): Uint8Array {
  const out = new Uint8Array(64);
  const view = new DataView(out.buffer);
  for (const [i, word] of cipher.keystream.entries()) view.setInt32(i * 4, word, true);
  return out;
}

/** RFC 8439 AEAD from the primitives, for any AAD and nonce (the test's own composition). */
function aeadSeal(
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  plaintext: Uint8Array,
): Uint8Array {
  const cipher = new ChaCha20(key);
  const n = wordsLE(nonce);
  const out = new Uint8Array(plaintext.length + 16);
  out.set(plaintext);
  cipher.xorStream(out, 0, plaintext.length, n);
  cipher.computeBlock(0, n[0]!, n[1]!, n[2]!);
  const mac = new Poly1305();
  mac.reset(cipher.keystream);
  const padded = (bytes: Uint8Array) =>
    new Uint8Array(Math.ceil(bytes.length / 16) * 16).fill(0).map((_, i) => bytes[i] ?? 0);
  const message = new Uint8Array([
    ...padded(aad),
    ...padded(out.subarray(0, plaintext.length)),
    ...new Uint8Array(16),
  ]);
  const lengths = new DataView(message.buffer, message.length - 16);
  lengths.setBigUint64(0, BigInt(aad.length), true);
  lengths.setBigUint64(8, BigInt(plaintext.length), true);
  for (let offset = 0; offset < message.length; offset += 16) mac.block(message, offset);
  mac.finish();
  mac.writeTag(out, plaintext.length);
  return out;
}

describe('ChaCha20', () => {
  it('matches the RFC 8439 block function vector (2.3.2)', () => {
    const cipher = new ChaCha20(
      hex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'),
    );
    const nonce = wordsLE(hex('000000090000004a00000000'));
    cipher.computeBlock(1, nonce[0]!, nonce[1]!, nonce[2]!);
    expect(toHex(keystreamBytes(cipher))).toBe(
      '10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e' +
        'd2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e',
    );
  });
});

describe('ChaCha20-Poly1305', () => {
  it('matches the RFC 8439 AEAD vector (2.8.2)', () => {
    const plaintext = new TextEncoder().encode(
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
    );
    const sealed = aeadSeal(
      hex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f'),
      hex('070000004041424344454647'),
      hex('50515253c0c1c2c3c4c5c6c7'),
      plaintext,
    );
    expect(toHex(sealed.subarray(0, plaintext.length))).toBe(
      'd31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6' +
        '3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36' +
        '92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc' +
        '3ff4def08e4b7a9de576d26586cec64b6116',
    );
    expect(toHex(sealed.subarray(plaintext.length))).toBe('1ae10b594f09e26a7e902ecbd0600691');
  });

  it('Poly1305 equals @noble/ciphers over whole blocks', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer(),
        (key, blocks, seed) => {
          const message = new Uint8Array(blocks * 16).map((_, i) => (i * 31 + seed) & 0xff);
          const mac = new Poly1305();
          mac.reset(wordsLE(key));
          for (let offset = 0; offset < message.length; offset += 16) mac.block(message, offset);
          mac.finish();
          const tag = new Uint8Array(16);
          mac.writeTag(tag, 0);
          expect(toHex(tag)).toBe(toHex(poly1305(message, key)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('ChaCha20Poly1305Protection', () => {
  const key = new Uint8Array(32).map((_, i) => 7 * i + 1);

  /** The packet as @noble/ciphers seals it with the documented nonce and additional data. */
  function nobleSeal(
    packet: Uint8Array,
    bodyEnd: number,
    sequence: number,
    ack: number,
  ): Uint8Array {
    const nonce = new Uint8Array(12);
    new DataView(nonce.buffer).setBigUint64(4, BigInt(sequence), true);
    const aad = new Uint8Array(16);
    new DataView(aad.buffer).setBigUint64(0, BigInt(ack), true);
    aad.set(packet.subarray(0, 8), 8);
    const sealed = chacha20poly1305(key, nonce, aad).encrypt(packet.subarray(8, bodyEnd));
    return new Uint8Array([...packet.subarray(0, 8), ...sealed]);
  }

  it('seals exactly as RFC 8439 AEAD with nonce 0^32 || sequence and aad ack || header', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 8, maxLength: 300 }),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        (plain, sequence, ack) => {
          const bodyEnd = plain.length;
          const packet = new Uint8Array(bodyEnd + 16);
          packet.set(plain);
          const expected = nobleSeal(packet, bodyEnd, sequence, ack);
          new ChaCha20Poly1305Protection(key).seal(packet, bodyEnd, sequence, ack);
          expect(toHex(packet)).toBe(toHex(expected));
          const opener = new ChaCha20Poly1305Protection(key);
          expect(opener.open(packet, bodyEnd, sequence, ack)).toBe(true);
          expect(toHex(packet.subarray(0, bodyEnd))).toBe(toHex(plain));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects any flipped bit, another sequence or ack, another key, and leaves the bytes alone', () => {
    const bodyEnd = 60;
    const packet = new Uint8Array(bodyEnd + 16).map((_, i) => i);
    new ChaCha20Poly1305Protection(key).seal(packet, bodyEnd, 9, 4);
    const sealed = packet.slice();
    const opener = new ChaCha20Poly1305Protection(key);
    for (let bit = 0; bit < packet.length * 8; bit++) {
      packet[bit >>> 3]! ^= 1 << (bit & 7);
      expect(opener.open(packet, bodyEnd, 9, 4)).toBe(false);
      packet[bit >>> 3]! ^= 1 << (bit & 7);
    }
    expect(opener.open(packet, bodyEnd, 10, 4)).toBe(false);
    expect(opener.open(packet, bodyEnd, 9 + 2 ** 32, 4)).toBe(false);
    expect(opener.open(packet, bodyEnd, 9, 4 + 65536)).toBe(false);
    expect(new ChaCha20Poly1305Protection(new Uint8Array(32)).open(packet, bodyEnd, 9, 4)).toBe(
      false,
    );
    expect(packet).toEqual(sealed);
  });

  it('hides the payload: equal bodies under different sequences look unrelated', () => {
    const sealer = new ChaCha20Poly1305Protection(key);
    const a = new Uint8Array(40 + 16);
    const b = new Uint8Array(40 + 16);
    sealer.seal(a, 40, 1, 0);
    sealer.seal(b, 40, 2, 0);
    expect(toHex(a.subarray(8, 40))).not.toBe(toHex(b.subarray(8, 40)));
    expect(a.subarray(8, 40).some((byte) => byte !== 0)).toBe(true);
  });
});
