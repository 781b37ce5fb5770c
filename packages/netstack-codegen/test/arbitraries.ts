import { dequantize } from '@netstack/core/serialization';
import fc from 'fast-check';
import type { Extras, Player, Scalars, Vec3 } from './fixtures/game.js';
import { Greeting, Ping, Team, Weapon } from './fixtures/game.js';
import type { Circle, Marker, Shape, Square, Triangle } from './fixtures/shapes.js';
import { ShapeKind } from './fixtures/shapes.js';

const utf8 = new TextEncoder();

/** Well-formed strings (no lone surrogates) of at most `maxBytes` UTF-8 bytes. */
export const text = (maxBytes: number) =>
  fc
    .string({ unit: 'grapheme', maxLength: maxBytes })
    .filter((s) => utf8.encode(s).length <= maxBytes);

/** f32-representable numbers (they survive an f32 field unchanged), NaN and ±0 included. */
export const f32 = () => fc.float();
export const u8 = () => fc.integer({ min: 0, max: 255 });
export const u16 = () => fc.integer({ min: 0, max: 65535 });

/** Values exactly on the grid of a `quantized<min, max, bits>` field. */
export const quantizedValue = (min: number, max: number, bits: number) =>
  fc.integer({ min: 0, max: 2 ** bits - 1 }).map((q) => dequantize(q, min, max, bits));

/** Drops properties whose value is `undefined` (how an absent `x?: T` looks when decoded). */
function omitUndefined<T extends object>(value: T, keys: readonly (keyof T)[]): T {
  const copy = { ...value };
  for (const key of keys) if (copy[key] === undefined) delete copy[key];
  return copy;
}

export const vec3 = (): fc.Arbitrary<Vec3> =>
  fc.record({ x: f32(), y: f32(), z: f32() }, { noNullPrototype: true });

export const scalars = (): fc.Arbitrary<Scalars> =>
  fc.record(
    {
      a: u8(),
      b: u16(),
      c: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      d: fc.integer({ min: -128, max: 127 }),
      e: fc.integer({ min: -32768, max: 32767 }),
      f: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      g: f32(),
      h: fc.double(),
      plain: fc.double(),
      count: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      delta: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      big: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      signedBig: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      angle: quantizedValue(-4, 4, 12),
      ratio: quantizedValue(0, 1, 8),
      wide: quantizedValue(-1000, 1000, 20),
      full: quantizedValue(0, 1, 32),
    },
    { noNullPrototype: true },
  );

export const circle = (): fc.Arbitrary<Circle> =>
  fc.record({ kind: fc.constant('circle' as const), radius: f32() }, { noNullPrototype: true });
export const square = (): fc.Arbitrary<Square> =>
  fc.record(
    {
      kind: fc.constant('square' as const),
      side: f32(),
      corners: fc.array(fc.boolean(), { maxLength: 4 }),
    },
    { noNullPrototype: true },
  );
export const triangle = (): fc.Arbitrary<Triangle> =>
  fc.record(
    { kind: fc.constant('triangle' as const), points: fc.tuple(f32(), f32(), f32()) },
    { noNullPrototype: true },
  );
export const shape = (): fc.Arbitrary<Shape> => fc.oneof(circle(), square(), triangle());
export const marker = (): fc.Arbitrary<Marker> =>
  fc.record(
    { shapeKind: fc.constant(ShapeKind.Circle as const), label: text(40) },
    { noNullPrototype: true },
  );

export const player = (): fc.Arbitrary<Player> =>
  fc
    .record({
      id: u16(),
      alive: fc.boolean(),
      name: text(16),
      ready: fc.boolean(),
      team: fc.constantFrom(Team.Red, Team.Blue, Team.Spectator),
      weapon: fc.constantFrom(Weapon.Sword, Weapon.Bow),
      stance: fc.constantFrom('standing' as const, 'crouching' as const, 'prone' as const),
      mode: fc.constantFrom('walk' as const, 'run' as const),
      position: vec3(),
      nickname: fc.option(text(30), { nil: undefined }),
      title: fc.option(text(30), { nil: undefined }),
      guild: fc.option(vec3(), { nil: null }),
      shield: fc.option(fc.boolean(), { nil: undefined }),
      inventory: fc.array(u16(), { maxLength: 8 }),
      flags: fc.array(fc.boolean(), { maxLength: 20 }),
      tags: fc.array(text(8), { maxLength: 4 }),
      avatar: fc.uint8Array({ maxLength: 32 }),
      path: fc.array(vec3(), { maxLength: 4 }),
      pair: fc.tuple(u8(), text(20)),
      grid: fc.array(fc.array(u8(), { maxLength: 4 }), { maxLength: 3 }),
      shape: shape(),
      shapes: fc.array(shape(), { maxLength: 3 }),
      square: fc.option(square(), { nil: undefined }),
      version: fc.constant(3 as const),
      'odd-name': u8(),
      default: u8(),
    })
    .map((p) => omitUndefined(p as Player, ['nickname', 'shield', 'square']));

export const greeting = (): fc.Arbitrary<Greeting> =>
  fc
    .record({
      id: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      to: text(40),
      message: text(280),
      urgent: fc.boolean(),
      score: fc.double(),
      note: fc.option(text(40), { nil: undefined }),
    })
    .map((fields) => {
      // Like any instance made with `new`, an absent `note` is an own property set to undefined.
      return Object.assign(new Greeting(), fields);
    });

export const ping = (): fc.Arbitrary<Ping> =>
  fc.double().map((sentAt) => Object.assign(new Ping(), { sentAt }));

export const extras = (): fc.Arbitrary<Extras> =>
  fc.record(
    {
      either: fc.oneof(circle(), triangle()),
      combo: fc.tuple(fc.boolean(), u8(), fc.boolean()),
      pairs: fc.array(fc.tuple(u8(), u8()), { maxLength: 5 }),
      maybe: fc.option(u16(), { nil: undefined }),
      names: fc.array(text(10), { maxLength: 3 }),
      nested: fc.array(fc.array(shape(), { maxLength: 2 }), { maxLength: 2 }),
    },
    { noNullPrototype: true },
  );
