import { describe, expect, it } from 'vitest';
import { DecodeError, type DecodeErrorCode } from './decodeError.js';
import { Reader } from './reader.js';

const bytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

function failure(read: () => unknown): DecodeError {
  try {
    read();
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error('expected a DecodeError');
}

function code(read: () => unknown): DecodeErrorCode {
  return failure(read).code;
}

describe('Reader', () => {
  it('reads fixed widths little-endian', () => {
    const r = new Reader(bytes('ff3412785634120000803f000000000000f03ffeffffff'));
    expect(r.u8()).toBe(255);
    expect(r.u16()).toBe(0x1234);
    expect(r.u32()).toBe(0x12345678);
    expect(r.f32()).toBe(1);
    expect(r.f64()).toBe(1);
    expect(r.i8()).toBe(-2);
    expect(r.i16()).toBe(-1);
    expect(r.i8()).toBe(-1);
    expect(r.remaining).toBe(0);
  });

  it('reads varints and zig-zag', () => {
    expect(new Reader(bytes('ac02')).varint()).toBe(300);
    expect(new Reader(bytes('ffffffff0f')).varint()).toBe(2 ** 32 - 1);
    expect(new Reader(bytes('7f')).zigzag()).toBe(-64);
    expect(new Reader(bytes('ffffffff0f')).zigzag()).toBe(-(2 ** 31));
  });

  it('rejects over-long, overflowing and non-minimal varints', () => {
    expect(code(() => new Reader(bytes('8080808080')).varint())).toBe('VARINT_OVERLONG');
    expect(code(() => new Reader(bytes('ffffffff1f')).varint())).toBe('VARINT_OVERLONG');
    expect(code(() => new Reader(bytes('8000')).varint())).toBe('VARINT_OVERLONG');
    expect(code(() => new Reader(bytes('ff')).varint())).toBe('TRUNCATED');
  });

  it('never reads past end, even when the buffer goes on', () => {
    const r = new Reader(bytes('01020304'), 1, 2);
    expect(r.u8()).toBe(2);
    const error = failure(() => r.u8('health'));
    expect(error.code).toBe('TRUNCATED');
    expect(error.offset).toBe(2);
    expect(error.message).toBe('TRUNCATED at health (byte 2): needs 1 bytes, 0 remain');
    expect(code(() => new Reader(bytes('8001'), 0, 1).varint())).toBe('TRUNCATED');
  });

  it('checks a length against its cap and the remaining bytes before allocating', () => {
    expect(code(() => new Reader(bytes('05616263')).string(4))).toBe('LENGTH_OVER_CAP');
    expect(code(() => new Reader(bytes('04616263')).string(8))).toBe('TRUNCATED');
    // 1,000,000 items of at least 4 bytes cannot fit in 3 remaining bytes.
    expect(code(() => new Reader(bytes('c0843d000000')).length(2 ** 32, 4))).toBe('TRUNCATED');
    // Bit-packed booleans: 16 items need 2 bytes.
    expect(new Reader(bytes('100000')).length(16, 1 / 8)).toBe(16);
    expect(code(() => new Reader(bytes('1000')).length(16, 1 / 8))).toBe('TRUNCATED');
  });

  it('decodes strings, ASCII and not, and rejects invalid UTF-8', () => {
    const cases = [
      '',
      'a',
      'Player_01',
      'x'.repeat(16),
      'y'.repeat(17),
      'z'.repeat(100),
      'héllo',
      '😀',
      '\ufeff',
    ];
    for (const s of cases) {
      const utf8 = new TextEncoder().encode(s);
      const r = new Reader(new Uint8Array([utf8.length, ...utf8]));
      expect(r.string()).toBe(s);
      expect(r.remaining).toBe(0);
    }
    for (const bad of ['01ff', '02c328', '03eda080', '01c3', '04f4908080']) {
      expect(code(() => new Reader(bytes(bad)).string())).toBe('INVALID_UTF8');
    }
  });

  it('copies byte arrays out of the buffer', () => {
    const buffer = bytes('03010203');
    const out = new Reader(buffer).byteArray();
    buffer[1] = 9;
    expect([...out]).toEqual([1, 2, 3]);
  });

  it('rejects bytes other than 0 and 1 as booleans, and trailing bytes', () => {
    expect(new Reader(bytes('01')).bool()).toBe(true);
    expect(code(() => new Reader(bytes('02')).bool())).toBe('RESERVED_BITS');
    const r = new Reader(bytes('0102'));
    r.u8();
    expect(code(() => r.expectEnd())).toBe('TRAILING_BYTES');
  });

  it('resets onto a range and rejects ranges outside the buffer', () => {
    const buffer = bytes('0102');
    const r = new Reader(buffer);
    const view = r.view;
    r.reset(buffer, 1, 2);
    expect(r.view).toBe(view);
    expect(r.u8()).toBe(2);
    expect(() => r.reset(buffer, 2, 3)).toThrow(RangeError);
    expect(() => r.reset(buffer, 2, 1)).toThrow(RangeError);
  });

  it('prefixes nested paths', () => {
    const error = new DecodeError({ code: 'TRUNCATED', offset: 3, path: 'name', detail: 'x' });
    DecodeError.within(error, '[2]');
    DecodeError.within(error, 'entities');
    expect(error.path).toBe('entities[2].name');
    expect(error.message).toContain('at entities[2].name');
    const other = new TypeError('x');
    expect(DecodeError.within(other, 'a')).toBe(other);
  });
});
