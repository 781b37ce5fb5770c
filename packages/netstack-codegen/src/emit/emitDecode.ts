import type { TypeModel } from '../model/schema.js';
import type { Slot } from '../model/sizes.js';
import { fixedSize, minSize } from '../model/sizes.js';
import { readFixed } from './fixedCode.js';
import { type FunctionState, noteBufferUse, offsetAt } from './functionState.js';
import { numberLiteral, stringLiteral } from './literals.js';
import { typeText } from './typeText.js';

/** A struct member to decode: a message field or a tuple element. */
export interface DecodeMember {
  /** Its path for errors, such as `name` or `pos[1]`. */
  path: string;
  /** Base for its local's name. */
  local: string;
  /** Its type and whether it may be absent. */
  slot: Slot;
}

interface RunItem {
  size: number;
  path: string;
  lines: (at: string) => string[];
}

/**
 * Emits the statements that read a struct (the mirror of `emitEncodeStruct`) and returns,
 * per member, the expression for its decoded value (a local, a flag test or a literal).
 *
 * @example
 * ```ts
 * const values = emitDecodeStruct(state, fields.map((f) => ({ path: f.name, local: f.name, slot: f })), '');
 * ```
 */
export function emitDecodeStruct(
  state: FunctionState,
  members: readonly DecodeMember[],
  structPath: string,
): string[] {
  const { code, ctx, names } = state;
  const index = ctx.index;
  let bitCount = 0;
  const presentBit = new Map<DecodeMember, number>();
  const valueBit = new Map<DecodeMember, number>();
  for (const member of members) {
    if (member.slot.optional !== undefined) presentBit.set(member, bitCount++);
    if (member.slot.type.kind === 'boolean') valueBit.set(member, bitCount++);
  }
  const flagLocals: string[] = [];
  const flagTest = (bit: number) => `(${flagLocals[bit >> 3]} & ${1 << (bit & 7)}) !== 0`;

  let run: RunItem[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const size = run.reduce((sum, item) => sum + item.size, 0);
    state.uses.add('p');
    code.line(`p = r.take(${size}, ${stringLiteral(run[0]!.path)});`);
    let k = 0;
    for (const item of run) {
      const lines = item.lines(offsetAt(k));
      noteBufferUse(state, lines);
      for (const line of lines) code.line(line);
      k += item.size;
    }
    run = [];
  };

  for (let byte = 0; byte * 8 < bitCount; byte++) {
    const flags = names.helper('flags');
    flagLocals.push(flags);
    const used = Math.min(8, bitCount - byte * 8);
    run.push({
      size: 1,
      path: structPath,
      lines: (at) => {
        const lines = [`const ${flags} = b[${at}]!;`];
        if (used < 8) {
          lines.push(
            `if (${flags} > ${(1 << used) - 1}) {`,
            `  throw r.fail({ code: 'RESERVED_BITS', offset: ${at}, path: ${stringLiteral(structPath)}, detail: \`flags \${${flags}} use bits above ${used - 1}\` });`,
            '}',
          );
        }
        return lines;
      },
    });
  }

  const results: string[] = [];
  for (const member of members) {
    const { type, optional } = member.slot;
    const pBit = presentBit.get(member);
    if (type.kind === 'boolean' && pBit === undefined) {
      results.push(flagTest(valueBit.get(member)!));
      continue;
    }
    if (pBit !== undefined) {
      flush();
      const local = names.take(member.local);
      const absent = optional === 'null' ? 'null' : 'undefined';
      const text = typeText(type, index);
      if (type.kind === 'boolean') {
        code.line(
          `const ${local} = ${flagTest(pBit)} ? ${flagTest(valueBit.get(member)!)} : ${absent};`,
        );
      } else {
        code.line(`let ${local}: ${text} | ${absent} = ${absent};`);
        code.block(`if (${flagTest(pBit)}) {`, () => {
          const expr = emitDecodeValue(state, type, member.path, { name: local, declared: true });
          flush();
          if (expr !== local) code.line(`${local} = ${expr};`);
        });
      }
      results.push(local);
      continue;
    }
    const size = fixedSize(type);
    if (size === 0 && type.kind === 'literal') {
      results.push(type.literal.text);
    } else if (size !== undefined) {
      const local = names.take(member.local);
      run.push({
        size,
        path: member.path,
        lines: (at) => {
          const read = readFixed(ctx, type, { at, path: member.path, names });
          return [...read.lines, `const ${local} = ${read.expr};`];
        },
      });
      results.push(local);
    } else {
      flush();
      const local = names.take(member.local);
      const expr = emitDecodeValue(state, type, member.path, { name: local, declared: false });
      if (expr !== local) {
        const annotation = type.kind === 'tuple' ? `: ${typeText(type, index)}` : '';
        code.line(`const ${local}${annotation} = ${expr};`);
      }
      results.push(local);
    }
  }
  flush();
  return results;
}

/** A local that should receive a decoded value, declared already (`let x;`) or not yet. */
export interface DecodeTarget {
  /** The local's name. */
  name: string;
  /** Whether it is already declared (then it is assigned, not declared). */
  declared: boolean;
}

/**
 * Emits the statements that read one value and returns an expression for it (to be used
 * once, right away). `path` is relative to the innermost `try` that prefixes paths; nested
 * decoders called with a non-empty path are wrapped so their errors name the full path.
 * When the value ends up in `target` itself, the return value is `target.name`.
 *
 * @example
 * ```ts
 * emitDecodeValue(state, { kind: 'string', maxBytes: 32 }, 'name'); // "r.string(32, 'name')"
 * ```
 */
export function emitDecodeValue(
  state: FunctionState,
  type: TypeModel,
  path: string,
  target?: DecodeTarget,
): string {
  const { code, ctx, names } = state;
  const pathText = stringLiteral(path);
  const size = fixedSize(type);
  if (size !== undefined) {
    if (size === 0) return readFixed(ctx, type, { at: 'p', path, names }).expr;
    state.uses.add('p');
    code.line(`p = r.take(${size}, ${pathText});`);
    const read = readFixed(ctx, type, { at: 'p', path, names });
    noteBufferUse(state, [...read.lines, read.expr]);
    for (const line of read.lines) code.line(line);
    return read.expr;
  }
  switch (type.kind) {
    case 'boolean':
      return `r.bool(${pathText})`;
    case 'varint':
      return `r.varint(${pathText})`;
    case 'zigzag':
      return `r.zigzag(${pathText})`;
    case 'string':
      return `r.string(${type.maxBytes}, ${pathText})`;
    case 'bytes':
      return `r.byteArray(${type.maxBytes}, ${pathText})`;
    case 'message':
    case 'union':
      return nestedCall(state, `decode${type.name}(r)`, {
        type: typeText(type, ctx.index),
        path,
        target,
      });
    case 'tuple': {
      const members = type.elements.map((element, i) => ({
        path: `${path}[${i}]`,
        local: `${path.replace(/\W/g, '_') || 'element'}_${i}`,
        slot: { type: element },
      }));
      const values = emitDecodeStruct(state, members, path);
      return `[${values.join(', ')}]`;
    }
    case 'array':
      return emitDecodeArray(state, type, path, target);
    default:
      throw new Error(`cannot decode ${type.kind}`);
  }
}

function nestedCall(
  state: FunctionState,
  call: string,
  site: { type: string; path: string; target: DecodeTarget | undefined },
): string {
  const { path, target } = site;
  if (path === '') return call;
  const { code, names, ctx } = state;
  ctx.runtime.add('DecodeError');
  const local = target?.name ?? names.take(path.replace(/\W/g, '_'));
  if (target?.declared !== true) code.line(`let ${local}: ${site.type};`);
  code.line(`try {`);
  code.line(`  ${local} = ${call};`);
  code.line(`} catch (e) {`);
  code.line(`  throw DecodeError.within(e, ${stringLiteral(path)});`);
  code.line(`}`);
  return local;
}

function emitDecodeArray(
  state: FunctionState,
  type: Extract<TypeModel, { kind: 'array' }>,
  path: string,
  target: DecodeTarget | undefined,
): string {
  const { code, ctx, names } = state;
  const element = type.element;
  const n = names.helper('n');
  const items = target !== undefined && !target.declared ? target.name : names.helper('items');
  const i = names.helper('i');
  const pathText = stringLiteral(path);
  const min = minSize(element, ctx.index);
  code.line(`const ${n} = r.length(${type.maxItems}, ${numberLiteral(min)}, ${pathText});`);
  code.line(`const ${items} = new Array<${typeText(element, ctx.index)}>(${n});`);
  const size = fixedSize(element);
  if (element.kind === 'boolean') {
    state.uses.add('p');
    state.uses.add('b');
    code.line(`p = r.take((${n} + 7) >>> 3, ${pathText});`);
    code.block(`if ((${n} & 7) !== 0 && b[p + (${n} >>> 3)]! >>> (${n} & 7) !== 0) {`, () => {
      code.line(
        `throw r.fail({ code: 'RESERVED_BITS', offset: p + (${n} >>> 3), path: ${pathText}, detail: 'bits past the last boolean are set' });`,
      );
    });
    code.block(`for (let ${i} = 0; ${i} < ${n}; ${i}++) {`, () => {
      code.line(`${items}[${i}] = (b[p + (${i} >>> 3)]! & (1 << (${i} & 7))) !== 0;`);
    });
  } else if (size !== undefined) {
    if (size > 0) {
      state.uses.add('p');
      code.line(`p = r.take(${size === 1 ? n : `${n} * ${size}`}, ${pathText});`);
    }
    code.block(`for (let ${i} = 0; ${i} < ${n}; ${i}++) {`, () => {
      const read = readFixed(ctx, element, {
        at: size === 1 ? `p + ${i}` : `p + ${i} * ${size}`,
        path: `${path}[]`,
        names,
      });
      noteBufferUse(state, [...read.lines, read.expr]);
      for (const line of read.lines) code.line(line);
      code.line(`${items}[${i}] = ${read.expr};`);
    });
  } else {
    ctx.runtime.add('DecodeError');
    code.line(`let ${i} = 0;`);
    code.line('try {');
    code.indent(() => {
      code.block(`for (; ${i} < ${n}; ${i}++) {`, () => {
        const expr = emitDecodeValue(state, element, '');
        code.line(`${items}[${i}] = ${expr};`);
      });
    });
    code.block('} catch (e) {', () => {
      code.line(`throw DecodeError.within(e, \`${path.replace(/[`$\\]/g, '\\$&')}[\${${i}}]\`);`);
    });
  }
  return items;
}
