import type { TypeModel } from '../model/schema.js';
import type { Slot } from '../model/sizes.js';
import { fixedSize } from '../model/sizes.js';
import { writeFixed } from './fixedCode.js';
import { type FunctionState, noteBufferUse, offsetAt } from './functionState.js';
import { stringLiteral } from './literals.js';
import { hasUncheckedWriter } from './uncheckedWriter.js';

/** A struct member to encode: a message field or a tuple element. */
export interface EncodeMember {
  /** Its path for errors, such as `name` or `pos[1]`. */
  path: string;
  /** A side-effect-free expression for its value, such as `v.name` or `t[1]`. */
  value: string;
  /** Its type and whether it may be absent. */
  slot: Slot;
}

interface RunItem {
  size: number;
  lines: (at: string) => string[];
}

/**
 * Emits the statements that write a struct: the flag bytes (booleans and presence bits, in
 * member order), then each present non-boolean member in order. Consecutive fixed-size
 * members share one `w.reserve(n)`.
 *
 * @example
 * ```ts
 * emitEncodeStruct(state, message.fields.map((f) => ({ path: f.name, value: `v.${f.name}`, slot: f })));
 * ```
 */
export function emitEncodeStruct(state: FunctionState, members: readonly EncodeMember[]): void {
  const { code, names } = state;
  const bits: string[] = [];
  const present = new Map<EncodeMember, string>();
  const values = new Map<EncodeMember, string>();
  for (const member of members) {
    let value = member.value;
    const absence = member.slot.optional;
    if (absence !== undefined) {
      const local = names.take(member.path.replace(/\[(\d+)\]/g, '_$1'));
      code.line(`const ${local} = ${value};`);
      value = local;
      const test = `${local} !== ${absence === 'null' ? 'null' : 'undefined'}`;
      present.set(member, test);
      bits.push(test);
      if (member.slot.type.kind === 'boolean') bits.push(`${local} === true`);
    } else if (member.slot.type.kind === 'boolean') {
      bits.push(value);
    }
    values.set(member, value);
  }

  let run: RunItem[] = [];
  const flush = () => {
    const size = run.reduce((sum, item) => sum + item.size, 0);
    if (run.length === 0) return;
    state.uses.add('p');
    code.line(`p = ${reserve(state)}(${size});`);
    let k = 0;
    for (const item of run) {
      const lines = item.lines(offsetAt(k));
      noteBufferUse(state, lines);
      for (const line of lines) code.line(line);
      k += item.size;
    }
    run = [];
  };

  for (let byte = 0; byte * 8 < bits.length; byte++) {
    const slice = bits.slice(byte * 8, byte * 8 + 8);
    const terms = slice.map((test, bit) =>
      slice.length === 1 ? `${test} ? 1 : 0` : `(${test} ? ${1 << bit} : 0)`,
    );
    run.push({ size: 1, lines: (at) => [`b[${at}] = ${terms.join(' | ')};`] });
  }

  for (const member of members) {
    const { type } = member.slot;
    if (type.kind === 'boolean') continue;
    const value = values.get(member)!;
    const test = present.get(member);
    const size = fixedSize(type);
    if (test !== undefined) {
      flush();
      code.block(`if (${test}) {`, () => {
        emitEncodeValue(state, type, value, member.path);
        flush();
      });
    } else if (size !== undefined) {
      if (size > 0) {
        run.push({
          size,
          lines: (at) => writeFixed(state.ctx, type, value, { at, path: member.path, names }),
        });
      }
    } else {
      flush();
      emitEncodeValue(state, type, value, member.path);
    }
  }
  flush();
}

/**
 * Emits the statements that write one value of any type (fixed-size types get their own
 * `w.reserve`).
 *
 * @example
 * ```ts
 * emitEncodeValue(state, { kind: 'string', maxBytes: 32 }, 'v.name', 'name'); // w.string(v.name, 32, 'name');
 * ```
 */
export function emitEncodeValue(
  state: FunctionState,
  type: TypeModel,
  value: string,
  path: string,
): void {
  const { code, ctx, names } = state;
  const pathText = stringLiteral(path);
  const size = fixedSize(type);
  if (size !== undefined) {
    if (size === 0) return;
    state.uses.add('p');
    code.line(`p = ${reserve(state)}(${size});`);
    const lines = writeFixed(ctx, type, value, { at: 'p', path, names });
    noteBufferUse(state, lines);
    for (const line of lines) code.line(line);
    return;
  }
  switch (type.kind) {
    case 'boolean':
      code.line(`w.u8(${value} ? 1 : 0);`);
      return;
    case 'varint':
      code.line(`w.varint(${value});`);
      return;
    case 'zigzag':
      code.line(`w.zigzag(${value});`);
      return;
    case 'string':
      code.line(
        `w.${state.unchecked === true ? 'stringUnchecked' : 'string'}(${value}, ${type.maxBytes}, ${pathText});`,
      );
      return;
    case 'bytes':
      code.line(`w.byteArray(${value}, ${type.maxBytes}, ${pathText});`);
      return;
    case 'message':
    case 'union':
      code.line(`${encoderName(state, type.name)}(w, ${value});`);
      return;
    case 'tuple': {
      const members = (t: string) =>
        type.elements.map((element, i) => ({
          path: `${path}[${i}]`,
          value: `${t}[${i}]`,
          slot: { type: element },
        }));
      if (isIdentifier(value)) {
        emitEncodeStruct(state, members(value));
        return;
      }
      const t = names.helper('t');
      code.block('{', () => {
        code.line(`const ${t} = ${value};`);
        emitEncodeStruct(state, members(t));
      });
      return;
    }
    case 'array':
      emitEncodeArray(state, type, value, path);
      return;
    default:
      throw new Error(`cannot encode ${type.kind}`);
  }
}

function emitEncodeArray(
  state: FunctionState,
  type: Extract<TypeModel, { kind: 'array' }>,
  value: string,
  path: string,
): void {
  const { code, ctx, names } = state;
  const items = isIdentifier(value) ? value : names.helper('items');
  const i = names.helper('i');
  const element = type.element;
  if (items !== value) code.line(`const ${items} = ${value};`);
  code.line(`w.length(${items}.length, ${type.maxItems}, ${stringLiteral(path)});`);
  const size = fixedSize(element);
  if (element.kind === 'boolean') {
    state.uses.add('p');
    state.uses.add('b');
    code.line(`p = ${reserve(state)}((${items}.length + 7) >>> 3);`);
    code.line(`b.fill(0, p, w.offset);`);
    code.block(`for (let ${i} = 0; ${i} < ${items}.length; ${i}++) {`, () => {
      code.line(`if (${items}[${i}]) b[p + (${i} >>> 3)]! |= 1 << (${i} & 7);`);
    });
  } else if (size !== undefined) {
    if (size === 0) return;
    state.uses.add('p');
    code.line(
      `p = ${reserve(state)}(${size === 1 ? `${items}.length` : `${items}.length * ${size}`});`,
    );
    code.block(`for (let ${i} = 0; ${i} < ${items}.length; ${i}++) {`, () => {
      const lines = writeFixed(ctx, element, `${items}[${i}]!`, {
        at: size === 1 ? `p + ${i}` : `p + ${i} * ${size}`,
        path: `${path}[]`,
        names,
      });
      noteBufferUse(state, lines);
      for (const line of lines) code.line(line);
    });
  } else {
    const item = names.helper('item');
    code.block(`for (const ${item} of ${items}) {`, () => {
      emitEncodeValue(state, element, item, `${path}[]`);
    });
  }
}

function isIdentifier(text: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(text);
}

/** `w.reserve`, or `w.reserveUnchecked` in a body that checked room for the whole value. */
function reserve(state: FunctionState): string {
  return state.unchecked === true ? 'w.reserveUnchecked' : 'w.reserve';
}

/**
 * What an encoder calls to write a nested message or union: its unchecked writer when the
 * caller's room check covered it, else its public `encodeX`, which checks for itself.
 *
 * @example
 * ```ts
 * encoderName({ ...state, unchecked: true }, 'Vec3'); // 'writeVec3'
 * ```
 */
export function encoderName(state: FunctionState, name: string): string {
  return state.unchecked === true && hasUncheckedWriter(state.ctx, name)
    ? `write${name}`
    : `encode${name}`;
}
