import type { TypeModel } from '../model/schema.js';
import { fixedSize, flagBytes, structFixedSize } from '../model/sizes.js';
import type { EncodeMember } from './emitEncode.js';
import type { FunctionState } from './functionState.js';

/**
 * Emits `size += …` statements for the variable part of a struct and returns its constant
 * part (flag bytes and fixed-size members that are always present).
 *
 * @example
 * ```ts
 * const constant = emitSizeStruct(state, members); // then: let size = constant; …
 * ```
 */
export function emitSizeStruct(state: FunctionState, members: readonly EncodeMember[]): number {
  const { code } = state;
  let constant = flagBytes(members.map((m) => m.slot));
  for (const member of members) {
    const { type, optional } = member.slot;
    if (type.kind === 'boolean') continue;
    const size = fixedSize(type);
    if (optional !== undefined) {
      const absent = optional === 'null' ? 'null' : 'undefined';
      const local = state.names.take(member.path.replace(/\W/g, '_'));
      code.line(`const ${local} = ${member.value};`);
      code.block(`if (${local} !== ${absent}) {`, () => emitSizeValue(state, type, local));
    } else if (size !== undefined) {
      constant += size;
    } else {
      emitSizeValue(state, type, member.value);
    }
  }
  return constant;
}

/**
 * Emits `size += …` statements for one value of `type`.
 *
 * @example
 * ```ts
 * emitSizeValue(state, { kind: 'string', maxBytes: 8 }, 'v.name'); // size += stringSize(v.name);
 * ```
 */
export function emitSizeValue(state: FunctionState, type: TypeModel, value: string): void {
  const { code, ctx, names } = state;
  const size = fixedSize(type);
  if (size !== undefined) {
    if (size > 0) code.line(`size += ${size};`);
    return;
  }
  switch (type.kind) {
    case 'boolean':
      code.line('size += 1;');
      return;
    case 'varint':
      ctx.runtime.add('varintSize');
      code.line(`size += varintSize(${value});`);
      return;
    case 'zigzag':
      ctx.runtime.add('varintSize');
      code.line(`size += varintSize((${value} << 1) ^ (${value} >> 31));`);
      return;
    case 'string':
      ctx.runtime.add('stringSize');
      code.line(`size += stringSize(${value});`);
      return;
    case 'bytes':
      ctx.runtime.add('varintSize');
      code.line(`size += varintSize(${value}.length) + ${value}.length;`);
      return;
    case 'message':
    case 'union':
      code.line(`size += sizeOf${type.name}(${value});`);
      return;
    case 'tuple': {
      const slots = type.elements.map((element) => ({ type: element }));
      const constant = structFixedSize(slots);
      if (constant !== undefined) {
        if (constant > 0) code.line(`size += ${constant};`);
        return;
      }
      const t = names.helper('t');
      code.block('{', () => {
        code.line(`const ${t} = ${value};`);
        const constant = emitSizeStruct(
          state,
          type.elements.map((element, i) => ({
            path: `t${i}`,
            value: `${t}[${i}]`,
            slot: { type: element },
          })),
        );
        if (constant > 0) code.line(`size += ${constant};`);
      });
      return;
    }
    case 'array': {
      ctx.runtime.add('varintSize');
      const element = type.element;
      const elementSize =
        element.kind === 'tuple'
          ? structFixedSize(element.elements.map((e) => ({ type: e })))
          : fixedSize(element);
      if (element.kind === 'boolean') {
        code.line(`size += varintSize(${value}.length) + ((${value}.length + 7) >>> 3);`);
      } else if (elementSize !== undefined) {
        const items = elementSize === 1 ? `${value}.length` : `${value}.length * ${elementSize}`;
        code.line(`size += varintSize(${value}.length) + ${items};`);
      } else {
        const item = names.helper('item');
        code.line(`size += varintSize(${value}.length);`);
        code.block(`for (const ${item} of ${value}) {`, () => emitSizeValue(state, element, item));
      }
      return;
    }
    default:
      throw new Error(`cannot size ${type.kind}`);
  }
}
