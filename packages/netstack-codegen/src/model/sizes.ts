import type { Absence, NumberWidth, TypeModel } from './schema.js';
import type { SchemaIndex } from './schemaIndex.js';

/** One member of a struct-like value: a message field or a tuple element. */
export interface Slot {
  /** Its wire type. */
  type: TypeModel;
  /** Set when it may be absent. */
  optional?: Absence | undefined;
}

const NUMBER_BYTES: Record<NumberWidth, number> = {
  u8: 1,
  u16: 2,
  u32: 4,
  i8: 1,
  i16: 2,
  i32: 4,
  f32: 4,
  f64: 8,
};

/** Most values an enum, literal union or union may have: their ordinal is one byte. */
export const MAX_CHOICES = 256;

/**
 * Bytes a value of `type` takes when every value takes the same and it can be written inline
 * in a run of fixed fields; `undefined` otherwise (varints, strings, arrays, nested structs).
 *
 * @example
 * ```ts
 * fixedSize({ kind: 'number', width: 'f32' }); // 4
 * ```
 */
export function fixedSize(type: TypeModel): number | undefined {
  switch (type.kind) {
    case 'number':
      return NUMBER_BYTES[type.width];
    case 'bigint':
      return 8;
    case 'quantized':
      return quantizedBytes(type.bits);
    case 'choice':
      return 1;
    case 'literal':
      return 0;
    default:
      return undefined;
  }
}

/** Bytes that hold a quantized value of `bits` bits: 1 to 4. @example `quantizedBytes(12) // 2` */
export function quantizedBytes(bits: number): number {
  return Math.ceil(bits / 8);
}

/** Flag bits a struct needs: one per boolean and one per optional member. @example `flagBits(fields)` */
export function flagBits(slots: readonly Slot[]): number {
  let bits = 0;
  for (const slot of slots) {
    if (slot.optional !== undefined) bits++;
    if (slot.type.kind === 'boolean') bits++;
  }
  return bits;
}

/** Bytes of the flags that open a struct. @example `flagBytes(fields)` */
export function flagBytes(slots: readonly Slot[]): number {
  return Math.ceil(flagBits(slots) / 8);
}

/**
 * The fewest bytes any value of `type` takes: what a decoder multiplies a length prefix by
 * before trusting it. A boolean array element takes 1/8.
 *
 * @example
 * ```ts
 * minSize({ kind: 'string', maxBytes: 64 }, index); // 1
 * ```
 */
export function minSize(type: TypeModel, index: SchemaIndex): number {
  switch (type.kind) {
    case 'boolean':
      return 1 / 8;
    case 'varint':
    case 'zigzag':
    case 'string':
    case 'bytes':
    case 'array':
      return 1;
    case 'tuple':
      return structMinSize(
        type.elements.map((t) => ({ type: t })),
        index,
      );
    case 'message':
      return structMinSize(index.message(type.name).fields, index);
    case 'union': {
      const variants = index.union(type.name).variants;
      return (
        1 + Math.min(...variants.map((v) => minSize({ kind: 'message', name: v.message }, index)))
      );
    }
    default:
      return fixedSize(type) ?? 0;
  }
}

/**
 * Bytes of a struct whose members are all fixed-size and always present; `undefined` otherwise.
 *
 * @example
 * ```ts
 * structFixedSize([{ type: { kind: 'number', width: 'f32' } }, { type: { kind: 'boolean' } }]); // 5
 * ```
 */
export function structFixedSize(slots: readonly Slot[]): number | undefined {
  let size = flagBytes(slots);
  for (const slot of slots) {
    if (slot.type.kind === 'boolean') continue;
    const fixed = fixedSize(slot.type);
    if (fixed === undefined || slot.optional !== undefined) return undefined;
    size += fixed;
  }
  return size;
}

/** The fewest bytes a struct with `slots` takes. @example `structMinSize(fields, index)` */
export function structMinSize(slots: readonly Slot[], index: SchemaIndex): number {
  let size = flagBytes(slots);
  for (const slot of slots) {
    if (slot.optional === undefined && slot.type.kind !== 'boolean')
      size += minSize(slot.type, index);
  }
  return size;
}

/**
 * The most bytes any value of `type` can take, with strings, byte arrays and arrays at their
 * caps.
 *
 * @example
 * ```ts
 * maxSize({ kind: 'string', maxBytes: 64 }, index); // 65
 * ```
 */
export function maxSize(type: TypeModel, index: SchemaIndex): number {
  switch (type.kind) {
    case 'boolean':
      return 1;
    case 'varint':
    case 'zigzag':
      return 5;
    case 'string':
    case 'bytes':
      return varintBytes(type.maxBytes) + type.maxBytes;
    case 'array': {
      const items =
        type.element.kind === 'boolean'
          ? Math.ceil(type.maxItems / 8)
          : type.maxItems * maxSize(type.element, index);
      return varintBytes(type.maxItems) + items;
    }
    case 'tuple':
      return structMaxSize(
        type.elements.map((t) => ({ type: t })),
        index,
      );
    case 'message':
      return structMaxSize(index.message(type.name).fields, index);
    case 'union': {
      const variants = index.union(type.name).variants;
      return (
        1 + Math.max(...variants.map((v) => maxSize({ kind: 'message', name: v.message }, index)))
      );
    }
    default:
      return fixedSize(type) ?? 0;
  }
}

/** The most bytes a struct with `slots` takes. @example `structMaxSize(fields, index)` */
export function structMaxSize(slots: readonly Slot[], index: SchemaIndex): number {
  let size = flagBytes(slots);
  for (const slot of slots) {
    if (slot.type.kind !== 'boolean') size += maxSize(slot.type, index);
  }
  return size;
}

/** Bytes of the LEB128 varint of `n`. @example `varintBytes(300) // 2` */
export function varintBytes(n: number): number {
  let bytes = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    bytes++;
  }
  return bytes;
}
