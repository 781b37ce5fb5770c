import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from './decodeError.js';
import { Reader } from './reader.js';
import { stringSize, varintSize, Writer } from './writer.js';

describe('Writer → Reader round trips (property)', () => {
  const w = new Writer(new Uint8Array(8192));
  const r = new Reader(w.bytes);

  it('varints and zig-zag', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 32 - 1 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        (u, s) => {
          w.reset();
          w.varint(u);
          w.zigzag(s);
          expect(w.offset).toBe(varintSize(u) + varintSize((s << 1) ^ (s >> 31)));
          r.reset(w.bytes, 0, w.offset);
          expect(r.varint()).toBe(u);
          expect(r.zigzag()).toBe(s);
          r.expectEnd();
        },
      ),
    );
  });

  it('strings, including lone surrogates (which become U+FFFD)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        w.reset();
        w.string(s, 4096);
        expect(w.offset).toBe(stringSize(s));
        r.reset(w.bytes, 0, w.offset);
        expect(r.string(4096)).toBe(new TextDecoder().decode(new TextEncoder().encode(s)));
        r.expectEnd();
      }),
    );
  });

  it('fixed widths', () => {
    fc.assert(
      fc.property(
        fc.record({
          a: fc.integer({ min: 0, max: 255 }),
          b: fc.integer({ min: -32768, max: 32767 }),
          c: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          d: fc.double(),
          e: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
          f: fc.float({ noNaN: true }),
        }),
        (v) => {
          w.reset();
          w.u8(v.a);
          w.i16(v.b);
          w.u32(v.c);
          w.f64(v.d);
          w.i64(v.e);
          w.f32(v.f);
          r.reset(w.bytes, 0, w.offset);
          expect([r.u8(), r.i16(), r.u32(), r.f64(), r.i64(), r.f32()]).toEqual([
            v.a,
            v.b,
            v.c,
            v.d,
            v.e,
            v.f,
          ]);
        },
      ),
    );
  });

  it('random bytes only ever fail with DecodeError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const reader = new Reader(bytes);
        try {
          while (reader.remaining > 0) {
            reader.string(16);
            reader.varint();
            reader.byteArray(8);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError);
        }
      }),
    );
  });
});
