import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HmacSha256 } from './hmacSha256.js';

function fullTag(mac: HmacSha256, data: Uint8Array): Uint8Array {
  mac.compute(data, data.length);
  const out = new Uint8Array(32);
  mac.writeTag(out, 0, 32);
  return out;
}

const text = (s: string) => new TextEncoder().encode(s);

// RFC 4231, section 4: test cases 1, 2, 3, 4, 6 and 7 (case 5 tests truncation to 128 bits).
const rfc4231 = [
  {
    key: hexToBytes('0b'.repeat(20)),
    data: text('Hi There'),
    mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  },
  {
    key: text('Jefe'),
    data: text('what do ya want for nothing?'),
    mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  },
  {
    key: hexToBytes('aa'.repeat(20)),
    data: hexToBytes('dd'.repeat(50)),
    mac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
  },
  {
    key: hexToBytes('0102030405060708090a0b0c0d0e0f10111213141516171819'),
    data: hexToBytes('cd'.repeat(50)),
    mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
  },
  {
    key: hexToBytes('aa'.repeat(131)),
    data: text('Test Using Larger Than Block-Size Key - Hash Key First'),
    mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  },
  {
    key: hexToBytes('aa'.repeat(131)),
    data: text(
      'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];

describe('HmacSha256', () => {
  it.each(rfc4231)(
    'matches the RFC 4231 vector for a $key.length-byte key',
    ({ key, data, mac }) => {
      expect(Buffer.from(fullTag(new HmacSha256(key, 0), data)).toString('hex')).toBe(mac);
    },
  );

  it('matches the RFC 4231 truncated vector (test case 5)', () => {
    const mac = new HmacSha256(hexToBytes('0c'.repeat(20)), 0);
    const data = text('Test With Truncation');
    mac.compute(data, data.length);
    const tag = new Uint8Array(16);
    mac.writeTag(tag, 0, 16);
    expect(Buffer.from(tag).toString('hex')).toBe('a3b6167473100ee06e0c796c2955552b');
  });

  it('equals @noble/hashes HMAC over prefix words then data, for every length and prefix', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: 0, maxLength: 6 }),
        fc.uint8Array({ maxLength: 300 }),
        (key, prefix, data) => {
          const mac = new HmacSha256(key, prefix.length);
          mac.prefix.set(prefix);
          const message = new Uint8Array(prefix.length * 4 + data.length);
          const view = new DataView(message.buffer);
          for (const [i, word] of prefix.entries()) view.setInt32(i * 4, word);
          message.set(data, prefix.length * 4);
          expect(fullTag(mac, data)).toEqual(hmac(sha256, key, message));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('hashes only the first `length` bytes of the buffer', () => {
    const mac = new HmacSha256(new Uint8Array(32), 0);
    const data = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const short = fullTag(mac, data.subarray(0, 5));
    mac.compute(data, 5);
    const out = new Uint8Array(32);
    mac.writeTag(out, 0, 32);
    expect(out).toEqual(short);
  });

  it('tagMatches accepts the written tag and rejects any single flipped bit', () => {
    const mac = new HmacSha256(new Uint8Array(32).fill(9), 0);
    const packet = new Uint8Array(40).map((_, i) => i);
    mac.compute(packet, 24);
    mac.writeTag(packet, 24, 16);
    expect(mac.tagMatches(packet, 24, 16)).toBe(true);
    for (let bit = 0; bit < 128; bit++) {
      packet[24 + (bit >>> 3)]! ^= 1 << (bit & 7);
      expect(mac.tagMatches(packet, 24, 16)).toBe(false);
      packet[24 + (bit >>> 3)]! ^= 1 << (bit & 7);
    }
  });
});
