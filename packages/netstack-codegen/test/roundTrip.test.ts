import { Reader, Writer } from '@netstack/core/serialization';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as arb from './arbitraries.js';
import * as gen from './fixtures/game.gen.js';
import { Greeting, Ping } from './fixtures/game.js';

const writer = new Writer(new Uint8Array(64 * 1024));
const reader = new Reader(writer.bytes);

/**
 * Encodes `value`, checks the byte count against `sizeOf` and `maxSize`, decodes (the decoder
 * must consume exactly the bytes written), checks the result equals `value`, and checks that
 * re-encoding the result gives the same bytes.
 */
function roundTrip<T>(
  codec: {
    encode: (w: Writer, v: T) => void;
    decode: (r: Reader) => T;
    sizeOf: (v: T) => number;
    maxSize: number;
  },
  value: T,
): T {
  writer.reset();
  codec.encode(writer, value);
  const length = writer.offset;
  expect(length).toBe(codec.sizeOf(value));
  expect(length).toBeLessThanOrEqual(codec.maxSize);
  const bytes = writer.bytes.slice(0, length);
  // A buffer of exactly the size (the checked writers, unless the size is the maximum) gives
  // the same bytes; one byte less fails with BUFFER_TOO_SMALL.
  const exact = new Writer(new Uint8Array(length));
  codec.encode(exact, value);
  expect(exact.bytes).toEqual(bytes);
  if (length > 0) {
    expect(() => codec.encode(new Writer(new Uint8Array(length - 1)), value)).toThrow(
      /BUFFER_TOO_SMALL/,
    );
  }
  reader.reset(writer.bytes, 0, length);
  const decoded = codec.decode(reader);
  reader.expectEnd();
  expect(decoded).toStrictEqual(value);
  writer.reset();
  codec.encode(writer, decoded);
  expect(writer.written()).toEqual(bytes);
  return decoded;
}

const codec = {
  vec3: {
    encode: gen.encodeVec3,
    decode: gen.decodeVec3,
    sizeOf: gen.sizeOfVec3,
    maxSize: gen.maxSizeOfVec3,
  },
  scalars: {
    encode: gen.encodeScalars,
    decode: gen.decodeScalars,
    sizeOf: gen.sizeOfScalars,
    maxSize: gen.maxSizeOfScalars,
  },
  player: {
    encode: gen.encodePlayer,
    decode: gen.decodePlayer,
    sizeOf: gen.sizeOfPlayer,
    maxSize: gen.maxSizeOfPlayer,
  },
  greeting: {
    encode: gen.encodeGreeting,
    decode: gen.decodeGreeting,
    sizeOf: gen.sizeOfGreeting,
    maxSize: gen.maxSizeOfGreeting,
  },
  ping: {
    encode: gen.encodePing,
    decode: gen.decodePing,
    sizeOf: gen.sizeOfPing,
    maxSize: gen.maxSizeOfPing,
  },
  extras: {
    encode: gen.encodeExtras,
    decode: gen.decodeExtras,
    sizeOf: gen.sizeOfExtras,
    maxSize: gen.maxSizeOfExtras,
  },
  shape: {
    encode: gen.encodeShape,
    decode: gen.decodeShape,
    sizeOf: gen.sizeOfShape,
    maxSize: gen.maxSizeOfShape,
  },
  marker: {
    encode: gen.encodeMarker,
    decode: gen.decodeMarker,
    sizeOf: gen.sizeOfMarker,
    maxSize: gen.maxSizeOfMarker,
  },
  message: {
    encode: gen.encodeMessage,
    decode: gen.decodeMessage,
    sizeOf: gen.sizeOfMessage,
    maxSize: gen.maxSizeOfMessage,
  },
};

describe('generated codecs round-trip (property)', () => {
  it('every scalar width, varints, 64-bit integers and quantized floats', () => {
    fc.assert(fc.property(arb.scalars(), (v) => void roundTrip(codec.scalars, v)));
  });

  it('a nested message', () => {
    fc.assert(fc.property(arb.vec3(), (v) => void roundTrip(codec.vec3, v)));
  });

  it('every field kind: booleans, strings, enums, literal unions, optionals, arrays, tuples, bytes, nesting, unions', () => {
    fc.assert(
      fc.property(arb.player(), (v) => void roundTrip(codec.player, v)),
      { numRuns: 300 },
    );
  });

  it('unnamed unions, booleans in tuples, tuples in arrays, arrays of arrays of unions, `?: T | undefined`', () => {
    fc.assert(fc.property(arb.extras(), (v) => void roundTrip(codec.extras, v)));
  });

  it('discriminated unions, each variant', () => {
    fc.assert(fc.property(arb.shape(), (v) => void roundTrip(codec.shape, v)));
  });

  it('an enum-member discriminant (a constant field costs no bytes)', () => {
    fc.assert(
      fc.property(arb.marker(), (v) => {
        roundTrip(codec.marker, v);
        expect(gen.sizeOfMarker(v)).toBe(1 + new TextEncoder().encode(v.label).length);
      }),
    );
  });

  it('classes decode into instances, so methods work', () => {
    fc.assert(
      fc.property(arb.greeting(), (v) => {
        const decoded = roundTrip(codec.greeting, v);
        expect(decoded).toBeInstanceOf(Greeting);
        expect(decoded.shout()).toBe(v.message.toUpperCase());
      }),
    );
    fc.assert(
      fc.property(arb.ping(), (v) => {
        expect(roundTrip(codec.ping, v)).toBeInstanceOf(Ping);
      }),
    );
  });

  it('the registry: several messages of different types in one packet', () => {
    const message = fc.oneof(
      arb.scalars().map((value) => ({ type: 'Scalars' as const, value })),
      arb.player().map((value) => ({ type: 'Player' as const, value })),
      arb.greeting().map((value) => ({ type: 'Greeting' as const, value })),
      fc.constant({ type: 'Empty' as const, value: {} }),
    );
    fc.assert(
      fc.property(fc.array(message, { maxLength: 6 }), (messages) => {
        writer.reset();
        for (const m of messages) gen.encodeMessage(writer, m);
        expect(writer.offset).toBe(messages.reduce((sum, m) => sum + gen.sizeOfMessage(m), 0));
        reader.reset(writer.bytes, 0, writer.offset);
        const decoded: gen.AnyMessage[] = [];
        while (reader.remaining > 0) decoded.push(gen.decodeMessage(reader));
        expect(decoded).toStrictEqual(messages);
      }),
      { numRuns: 200 },
    );
  });
});

describe('generated codecs: wire details', () => {
  it('packs booleans and presence bits into one flags byte, before the fields', () => {
    writer.reset();
    const g = Object.assign(new Greeting(), {
      id: 0x01020304,
      to: 'a',
      message: 'b',
      urgent: true,
      score: 0,
    });
    gen.encodeGreeting(writer, g);
    // flags (urgent=1, note absent), u32 id, "a", "b", f64 score
    expect(Buffer.from(writer.written()).toString('hex')).toBe(
      '01040302010161016200000000000000' + '00',
    );
  });

  it('writes the union variant index and the message id as the first byte', () => {
    writer.reset();
    gen.encodeShape(writer, { kind: 'triangle', points: [0, 0, 0] });
    expect(writer.bytes[0]).toBe(2);
    writer.reset();
    gen.encodeMessage(writer, { type: 'Empty', value: {} });
    expect(Buffer.from(writer.written()).toString('hex')).toBe('ac02');
  });

  it('rejects values the schema cannot send, with EncodeError', () => {
    writer.reset();
    const long = Object.assign(new Greeting(), { message: 'x'.repeat(281) });
    expect(() => gen.encodeGreeting(writer, long)).toThrow(/LENGTH_OVER_CAP at message/);
    const badTeam = fc.sample(arb.player(), { numRuns: 1, seed: 1 })[0]!;
    expect(() => gen.encodePlayer(writer.reset(), { ...badTeam, team: 5 as never })).toThrow(
      /INVALID_VALUE at team/,
    );
    expect(() => gen.encodeShape(writer.reset(), { kind: 'hexagon' } as never)).toThrow(
      /INVALID_VALUE at kind/,
    );
    expect(() =>
      gen.encodeScalars(new Writer(new Uint8Array(10)), fc.sample(arb.scalars(), 1)[0]!),
    ).toThrow(/BUFFER_TOO_SMALL/);
  });

  it('clamps quantized values to their range', () => {
    const base = fc.sample(arb.scalars(), { numRuns: 1, seed: 2 })[0]!;
    writer.reset();
    gen.encodeScalars(writer, { ...base, ratio: 7, angle: -100, wide: Number.NaN });
    const decoded = gen.decodeScalars(reader.reset(writer.bytes, 0, writer.offset));
    expect(decoded.ratio).toBe(1);
    expect(decoded.angle).toBe(-4);
    expect(decoded.wide).toBe(-1000);
  });
});
