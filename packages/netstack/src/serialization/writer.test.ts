import { describe, expect, it } from 'vitest';
import { EncodeError } from './encodeError.js';
import { stringSize, varintSize, Writer } from './writer.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function written(write: (w: Writer) => void, size = 64): string {
  const w = new Writer(new Uint8Array(size));
  write(w);
  return hex(w.written());
}

describe('Writer', () => {
  it('writes fixed widths little-endian', () => {
    expect(written((w) => w.u8(0x1ff))).toBe('ff');
    expect(written((w) => w.u16(0x1234))).toBe('3412');
    expect(written((w) => w.u32(0x12345678))).toBe('78563412');
    expect(written((w) => w.i8(-2))).toBe('fe');
    expect(written((w) => w.i16(-2))).toBe('feff');
    expect(written((w) => w.i32(-2))).toBe('feffffff');
    expect(written((w) => w.f32(1))).toBe('0000803f');
    expect(written((w) => w.f64(1))).toBe('000000000000f03f');
    expect(written((w) => w.u64(0x0102030405060708n))).toBe('0807060504030201');
    expect(written((w) => w.i64(-1n))).toBe('ffffffffffffffff');
    expect(written((w) => w.bool(true))).toBe('01');
  });

  it('writes LEB128 varints and zig-zag', () => {
    expect(written((w) => w.varint(0))).toBe('00');
    expect(written((w) => w.varint(127))).toBe('7f');
    expect(written((w) => w.varint(128))).toBe('8001');
    expect(written((w) => w.varint(300))).toBe('ac02');
    expect(written((w) => w.varint(0xffffffff))).toBe('ffffffff0f');
    expect(written((w) => w.zigzag(0))).toBe('00');
    expect(written((w) => w.zigzag(-1))).toBe('01');
    expect(written((w) => w.zigzag(1))).toBe('02');
    expect(written((w) => w.zigzag(-64))).toBe('7f');
    expect(written((w) => w.zigzag(-0x80000000))).toBe('ffffffff0f');
  });

  it('sizes varints', () => {
    for (const v of [
      0,
      127,
      128,
      16383,
      16384,
      2 ** 21 - 1,
      2 ** 21,
      2 ** 28 - 1,
      2 ** 28,
      2 ** 32 - 1,
    ]) {
      expect(varintSize(v)).toBe(written((w) => w.varint(v)).length / 2);
    }
  });

  it('writes strings as a varint UTF-8 length and the bytes, matching TextEncoder', () => {
    for (const s of [
      '',
      'abc',
      'héllo',
      '日本',
      '😀',
      '\ud800x',
      'x\udc00',
      '\ufeffbom',
      'a'.repeat(200),
    ]) {
      const utf8 = new TextEncoder().encode(s);
      const w = new Writer(new Uint8Array(1024));
      w.string(s);
      expect(w.offset).toBe(stringSize(s));
      expect(hex(w.written(w.offset - utf8.length))).toBe(hex(utf8));
    }
  });

  it('rejects strings, byte arrays and lengths over their cap', () => {
    const w = new Writer(new Uint8Array(64));
    expect(() => w.string('abcde', 4, 'name')).toThrow(/LENGTH_OVER_CAP at name/);
    expect(() => w.string('ééé', 5, 'name')).toThrow(EncodeError); // 6 UTF-8 bytes
    expect(() => w.byteArray(new Uint8Array(5), 4)).toThrow(EncodeError);
    expect(() => w.length(5, 4, 'items')).toThrow(/length 5 > max 4/);
    expect(w.offset).toBe(0);
  });

  it('throws BUFFER_TOO_SMALL with the size needed, and writes nothing past the end', () => {
    const w = new Writer(new Uint8Array(3));
    w.u16(1);
    let error: unknown;
    try {
      w.u32(1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EncodeError);
    expect((error as EncodeError).code).toBe('BUFFER_TOO_SMALL');
    expect((error as EncodeError).needed).toBe(6);
    expect(w.offset).toBe(2);
    expect(() => w.string('hello')).toThrow(EncodeError);
    expect(() => w.varint(2 ** 31)).toThrow(EncodeError);
    expect(() => w.byteArray(new Uint8Array(1))).toThrow(EncodeError);
    expect(w.offset).toBe(2);
  });

  it('has unchecked forms for code that checked room already, with the same bytes', () => {
    for (const text of ['', 'abc', 'héllo', '😀x']) {
      const checked = new Writer(new Uint8Array(64));
      checked.string(text, 32);
      const unchecked = new Writer(new Uint8Array(64));
      unchecked.stringUnchecked(text, 32, 'name');
      expect(hex(unchecked.written())).toBe(hex(checked.written()));
    }
    const w = new Writer(new Uint8Array(64));
    expect(() => w.stringUnchecked('abcdef', 4, 'name')).toThrow(/LENGTH_OVER_CAP at name/);
    expect(w.reserveUnchecked(3)).toBe(0);
    expect(w.offset).toBe(3);
  });

  it('resets to reuse the buffer and keeps its DataView', () => {
    const buffer = new Uint8Array(8);
    const w = new Writer(buffer);
    const view = w.view;
    w.u32(7);
    w.reset();
    expect(w.offset).toBe(0);
    expect(w.view).toBe(view);
    w.reset(new Uint8Array(4));
    expect(w.view).not.toBe(view);
    expect(() => w.reset(buffer, 9)).toThrow(RangeError);
  });

  it('writes into a subarray at the right place', () => {
    const backing = new Uint8Array(8);
    const w = new Writer(backing.subarray(4));
    w.f32(1);
    expect(hex(backing)).toBe('000000000000803f');
  });
});
