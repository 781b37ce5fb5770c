import type { Codec } from '../codec.js';
import type { Entity, Snapshot } from '../snapshot.js';

const TAU = 6.283185307179586;
const TO_U16 = 65535 / TAU;
const FROM_U16 = TAU / 65535;
const MAX_ENTITIES = 64;
const MAX_NAME = 12;
/** Header (4 + 8 + 1) and 64 entities of at most 19 + 12 bytes. */
const MAX_SIZE = 13 + MAX_ENTITIES * 31;

/**
 * The fastest hand-written DataView codec I could write for this snapshot. Same layout as the
 * generated code: u32 tick, f64 time, u8 count, then per entity a flags byte (alive, visible,
 * crouching), u16 id, 3 × f32, u16 rotation, u8 health, u8 name length, ASCII name.
 *
 * What made it fastest among the variants tried (paired A/B runs): one small function per
 * entity and direction (V8 optimizes these better than one big loop), the offset threaded
 * through locals and return values, no capacity checks on encode (the buffer is sized for
 * the largest snapshot), one bounds check per entity and per name on decode, the decoder
 * advancing by `19 + name.length` (ASCII: a byte per character) instead of returning an
 * offset, names built with one multi-argument `String.fromCharCode` call. It still validates
 * what a game must (counts, lengths, ASCII, bounds): without those checks it would not be a
 * codec a game could put on the network.
 */
export function handWrittenCodec(): Codec {
  const bytes = new Uint8Array(MAX_SIZE);
  const view = new DataView(bytes.buffer);
  let length = 0;
  return {
    name: 'hand-written DataView',
    encode(s) {
      length = encode(s, bytes, view);
      return length;
    },
    decode() {
      return decode(bytes, view, length);
    },
  };
}

function encode(s: Snapshot, b: Uint8Array, v: DataView): number {
  const entities = s.entities;
  const n = entities.length;
  if (n > MAX_ENTITIES) throw new RangeError('too many entities');
  v.setUint32(0, s.tick, true);
  v.setFloat64(4, s.serverTime, true);
  b[12] = n;
  let p = 13;
  for (const e of entities) p = encodeEntity(e, b, v, p);
  return p;
}

function encodeEntity(e: Entity, b: Uint8Array, v: DataView, p: number): number {
  b[p] = (e.alive ? 1 : 0) | (e.visible ? 2 : 0) | (e.crouching ? 4 : 0);
  v.setUint16(p + 1, e.id, true);
  v.setFloat32(p + 3, e.x, true);
  v.setFloat32(p + 7, e.y, true);
  v.setFloat32(p + 11, e.z, true);
  const r = e.rotation;
  // biome-ignore lint/complexity/useMathMinMax: comparisons send NaN to 0, as the generated code does
  v.setUint16(p + 15, Math.round((r > 0 ? (r < TAU ? r : TAU) : 0) * TO_U16), true);
  b[p + 17] = e.health;
  const name = e.name;
  const len = name.length;
  if (len > MAX_NAME) throw new RangeError('name too long');
  b[p + 18] = len;
  p += 19;
  for (let k = 0; k < len; k++) {
    const c = name.charCodeAt(k);
    if (c >= 0x80) throw new RangeError('names must be ASCII');
    b[p++] = c;
  }
  return p;
}

function decode(b: Uint8Array, v: DataView, end: number): Snapshot {
  if (end < 13) throw new RangeError('truncated');
  const tick = v.getUint32(0, true);
  const serverTime = v.getFloat64(4, true);
  const n = b[12]!;
  if (n > MAX_ENTITIES) throw new RangeError('too many entities');
  const entities = new Array<Entity>(n);
  let p = 13;
  for (let i = 0; i < n; i++) {
    const e = decodeEntity(b, v, p, end);
    entities[i] = e;
    p += 19 + e.name.length; // ASCII: one byte per character
  }
  if (p !== end) throw new RangeError('trailing bytes');
  return { tick, serverTime, entities };
}

function decodeEntity(b: Uint8Array, v: DataView, p: number, end: number): Entity {
  if (p + 19 > end) throw new RangeError('truncated');
  const flags = b[p]!;
  const len = b[p + 18]!;
  if (len > MAX_NAME || p + 19 + len > end) throw new RangeError('bad name');
  return {
    id: v.getUint16(p + 1, true),
    x: v.getFloat32(p + 3, true),
    y: v.getFloat32(p + 7, true),
    z: v.getFloat32(p + 11, true),
    rotation: v.getUint16(p + 15, true) * FROM_U16,
    health: b[p + 17]!,
    alive: (flags & 1) !== 0,
    visible: (flags & 2) !== 0,
    crouching: (flags & 4) !== 0,
    name: ascii(b, p + 19, len),
  };
}

function ascii(b: Uint8Array, p: number, n: number): string {
  let or = 0;
  for (let k = 0; k < n; k++) or |= b[p + k]!;
  if (or > 0x7f) throw new RangeError('names must be ASCII');
  const f = String.fromCharCode;
  switch (n) {
    case 0:
      return '';
    case 1:
      return f(b[p]!);
    case 2:
      return f(b[p]!, b[p + 1]!);
    case 3:
      return f(b[p]!, b[p + 1]!, b[p + 2]!);
    case 4:
      return f(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!);
    case 5:
      return f(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!);
    case 6:
      return f(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!);
    case 7:
      return f(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!, b[p + 6]!);
    case 8:
      return f(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!, b[p + 6]!, b[p + 7]!);
    case 9:
      return f(
        b[p]!,
        b[p + 1]!,
        b[p + 2]!,
        b[p + 3]!,
        b[p + 4]!,
        b[p + 5]!,
        b[p + 6]!,
        b[p + 7]!,
        b[p + 8]!,
      );
    case 10:
      return f(
        b[p]!,
        b[p + 1]!,
        b[p + 2]!,
        b[p + 3]!,
        b[p + 4]!,
        b[p + 5]!,
        b[p + 6]!,
        b[p + 7]!,
        b[p + 8]!,
        b[p + 9]!,
      );
    case 11:
      return f(
        b[p]!,
        b[p + 1]!,
        b[p + 2]!,
        b[p + 3]!,
        b[p + 4]!,
        b[p + 5]!,
        b[p + 6]!,
        b[p + 7]!,
        b[p + 8]!,
        b[p + 9]!,
        b[p + 10]!,
      );
    default:
      return f(
        b[p]!,
        b[p + 1]!,
        b[p + 2]!,
        b[p + 3]!,
        b[p + 4]!,
        b[p + 5]!,
        b[p + 6]!,
        b[p + 7]!,
        b[p + 8]!,
        b[p + 9]!,
        b[p + 10]!,
        b[p + 11]!,
      );
  }
}
