import type { FieldModel, TypeModel } from '../model/schema.js';
import type { SchemaIndex } from '../model/schemaIndex.js';
import { fixedSize } from '../model/sizes.js';

/**
 * One line per wire item of a message, for the TSDoc above its functions: flags first, then
 * each field that takes bytes.
 *
 * @example
 * ```ts
 * describeLayout(entity.fields, index);
 * // ['flags  1 byte: bit 0 alive, bit 1 visible', 'id     u16 (2 bytes)', 'name   string, varint length ≤ 32 bytes']
 * ```
 */
export function describeLayout(fields: readonly FieldModel[], index: SchemaIndex): string[] {
  const bits: string[] = [];
  for (const field of fields) {
    if (field.optional !== undefined) bits.push(`${field.name} present`);
    if (field.type.kind === 'boolean') bits.push(field.name);
  }
  const rows: [string, string][] = [];
  for (let byte = 0; byte * 8 < bits.length; byte++) {
    const names = bits.slice(byte * 8, byte * 8 + 8).map((name, bit) => `bit ${bit} ${name}`);
    rows.push([bits.length > 8 ? `flags[${byte}]` : 'flags', `1 byte: ${names.join(', ')}`]);
  }
  for (const field of fields) {
    if (field.type.kind === 'boolean') continue;
    const size = fixedSize(field.type);
    if (size === 0) continue;
    const optional = field.optional === undefined ? '' : ', only when present';
    rows.push([field.name, describeType(field.type, index) + optional]);
  }
  const width = Math.max(0, ...rows.map(([name]) => name.length));
  return rows.map(([name, text]) => `${name.padEnd(width)}  ${text}`);
}

/**
 * A short wire description of `type`.
 *
 * @example
 * ```ts
 * describeType({ kind: 'number', width: 'u16' }, index); // 'u16 (2 bytes)'
 * ```
 */
export function describeType(type: TypeModel, index: SchemaIndex): string {
  switch (type.kind) {
    case 'boolean':
      return 'boolean (1 byte)';
    case 'number':
      return `${type.width} (${bytes(fixedSize(type)!)})`;
    case 'bigint':
      return `${type.width} (8 bytes)`;
    case 'varint':
      return 'varint (1–5 bytes)';
    case 'zigzag':
      return 'zig-zag varint (1–5 bytes)';
    case 'quantized':
      return `quantized ${type.min}…${type.max} in ${type.bits} bits (${bytes(fixedSize(type)!)})`;
    case 'string':
      return `string: varint byte length ≤ ${type.maxBytes}, UTF-8`;
    case 'bytes':
      return `bytes: varint length ≤ ${type.maxBytes}, the bytes`;
    case 'array':
      return `array: varint count ≤ ${type.maxItems}, then each ${describeType(type.element, index)}`;
    case 'tuple':
      return `tuple of ${type.elements.length}: ${type.elements.map((e) => describeType(e, index)).join(', ')}`;
    case 'literal':
      return `constant ${type.literal.text} (0 bytes)`;
    case 'choice':
      return `${type.name} ordinal (1 byte)`;
    case 'message':
      return `${type.name}`;
    case 'union':
      return `${type.name}: variant index (1 byte), then the variant`;
  }
}

function bytes(n: number): string {
  return n === 1 ? '1 byte' : `${n} bytes`;
}
