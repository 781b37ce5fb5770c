import { DecodeError, type DecodeErrorCode, Reader, Writer } from '@netstack/core/serialization';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as arb from './arbitraries.js';
import { fixtureCodecs } from './fixtureCodecs.js';
import * as gen from './fixtures/game.gen.js';

/** Decodes `bytes[0, end)` exactly; returns the DecodeError code, or 'ok'; rethrows anything else. */
function outcome(
  decode: (r: Reader) => unknown,
  bytes: Uint8Array,
  end = bytes.length,
): DecodeErrorCode | 'ok' {
  const reader = new Reader(bytes, 0, end);
  try {
    decode(reader);
    reader.expectEnd();
    return 'ok';
  } catch (error) {
    if (error instanceof DecodeError) return error.code;
    throw error;
  }
}

function encoded<T>(encode: (w: Writer, v: T) => void, value: T): Uint8Array {
  const writer = new Writer(new Uint8Array(64 * 1024));
  encode(writer, value);
  return writer.written().slice();
}

/** Valid encodings of random values for every fixture codec. */
function validSamples(
  seed: number,
  perCodec: number,
): { codec: (typeof fixtureCodecs)[number]; bytes: Uint8Array }[] {
  const arbitraries: Record<string, fc.Arbitrary<unknown>> = {
    Vec3: arb.vec3(),
    Scalars: arb.scalars(),
    Player: arb.player(),
    Greeting: arb.greeting(),
    Extras: arb.extras(),
    Ping: arb.ping(),
    Empty: fc.constant({}),
    Shape: arb.shape(),
    Marker: arb.marker(),
    Message: fc.oneof(
      arb.player().map((value) => ({ type: 'Player', value })),
      arb.scalars().map((value) => ({ type: 'Scalars', value })),
    ),
  };
  return fixtureCodecs.flatMap((codec) =>
    fc.sample(arbitraries[codec.name]!, { numRuns: perCodec, seed }).map((value) => ({
      codec,
      bytes: encoded(codec.encode as (w: Writer, v: unknown) => void, value),
    })),
  );
}

/** mulberry32: a seeded PRNG, so the mutation run is the same every time. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(bytes: Uint8Array, random: () => number): Uint8Array {
  let out = Array.from(bytes);
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (out.length + 1));
    const byte = Math.floor(random() * 256);
    switch (Math.floor(random() * 6)) {
      case 0: // replace a byte
        if (at < out.length) out[at] = byte;
        break;
      case 1: // flip one bit
        if (at < out.length) out[at]! ^= 1 << Math.floor(random() * 8);
        break;
      case 2: // insert a byte
        out.splice(at, 0, byte);
        break;
      case 3: // delete a byte
        out.splice(at, 1);
        break;
      case 4: // truncate
        out = out.slice(0, at);
        break;
      default: // an interesting value: 0, 0x7f, 0x80, 0xff
        if (at < out.length) out[at] = [0, 0x7f, 0x80, 0xff][byte & 3]!;
    }
  }
  return Uint8Array.from(out);
}

describe('decoding hostile bytes', () => {
  it('random bytes yield a value or a DecodeError, never anything else', () => {
    for (const codec of fixtureCodecs) {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 96 }), (bytes) => {
          outcome(codec.decode, bytes);
        }),
        { numRuns: 500 },
      );
    }
  });

  it('every strict prefix of a valid encoding is TRUNCATED', () => {
    for (const { codec, bytes } of validSamples(7, 8)) {
      expect(outcome(codec.decode, bytes)).toBe('ok');
      for (let end = 0; end < bytes.length; end++) {
        expect(
          outcome(codec.decode, bytes, end),
          `${codec.name} cut at ${end} of ${bytes.length}`,
        ).toBe('TRUNCATED');
      }
    }
  });

  it('never reads past `end`, whatever lies there', () => {
    const random = prng(3);
    for (const { codec, bytes } of validSamples(11, 4)) {
      const padded = new Uint8Array(bytes.length + 64);
      padded.set(bytes);
      for (let i = bytes.length; i < padded.length; i++) padded[i] = Math.floor(random() * 256);
      const reader = new Reader(padded, 0, bytes.length);
      expect(codec.decode(reader)).toStrictEqual(codec.decode(new Reader(bytes)));
      if (bytes.length > 0)
        expect(outcome(codec.decode, padded, bytes.length - 1)).toBe('TRUNCATED');
    }
  });

  it('100,000 mutated encodings across every decoder: only DecodeError is ever thrown', () => {
    const random = prng(20260101);
    const samples = validSamples(5, 6);
    const codes = new Map<string, number>();
    for (let i = 0; i < 100_000; i++) {
      const { codec, bytes } = samples[i % samples.length]!;
      const result = outcome(codec.decode, mutate(bytes, random));
      codes.set(result, (codes.get(result) ?? 0) + 1);
    }
    // The run reaches every kind of check (so it tests something), not only truncation.
    for (const code of [
      'ok',
      'TRUNCATED',
      'TRAILING_BYTES',
      'UNKNOWN_TAG',
      'LENGTH_OVER_CAP',
      'INVALID_UTF8',
      'VARINT_OVERLONG',
      'RESERVED_BITS',
      'VALUE_OUT_OF_RANGE',
    ]) {
      expect(codes.get(code) ?? 0, `outcomes: ${JSON.stringify([...codes])}`).toBeGreaterThan(0);
    }
  });

  it('names the field path, array indices included', () => {
    const player = fc.sample(arb.player(), { numRuns: 1, seed: 9 })[0]!;
    const bytes = encoded(gen.encodePlayer, { ...player, tags: ['tag', 'bag', 'rag'] });
    const at = Buffer.from(bytes).indexOf(Buffer.from('03726167', 'hex')); // "rag"
    bytes[at + 2] = 0xff;
    let error: unknown;
    try {
      gen.decodePlayer(new Reader(bytes));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).code).toBe('INVALID_UTF8');
    expect((error as DecodeError).path).toBe('tags[2]');
    expect((error as DecodeError).message).toMatch(/^INVALID_UTF8 at tags\[2\] \(byte \d+\)/);
  });

  it('checks an array length against its cap and the remaining bytes before allocating', () => {
    // Square: f32 side, then the corners count (cap 4).
    const over = Uint8Array.from([1, 0, 0, 0, 0, 5, 0]);
    expect(outcome(gen.decodeShape, over)).toBe('LENGTH_OVER_CAP');
    // Four corners need one byte of bits; none remain.
    const short = Uint8Array.from([1, 0, 0, 0, 0, 4]);
    expect(outcome(gen.decodeShape, short)).toBe('TRUNCATED');
    try {
      gen.decodeShape(new Reader(short));
    } catch (error) {
      expect((error as DecodeError).path).toBe('corners');
      expect((error as DecodeError).offset).toBe(5);
    }
  });
});
