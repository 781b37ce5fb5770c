import type { NumberWidth, TypeModel } from '../model/schema.js';
import { quantizedBytes } from '../model/sizes.js';
import type { EmitContext } from './emitContext.js';
import { offsetPlus } from './functionState.js';
import { stringLiteral } from './literals.js';
import type { LocalNames } from './localNames.js';
import { choiceHelpers } from './typeText.js';

const VIEW_TYPE: Record<Exclude<NumberWidth, 'u8' | 'i8'>, string> = {
  u16: 'Uint16',
  u32: 'Uint32',
  i16: 'Int16',
  i32: 'Int32',
  f32: 'Float32',
  f64: 'Float64',
};

/** What fixed-size code needs besides the type: where, and names for temporaries. */
export interface FixedSite {
  /** The byte offset expression, such as `p + 4`. */
  at: string;
  /** The field path named in errors. */
  path: string;
  /** Local names of the function being emitted. */
  names: LocalNames;
}

/**
 * Statements that write `value` (a side-effect-free expression) of a fixed-size `type` at
 * `site.at`, into `b` (the writer's bytes) or `d` (its DataView).
 *
 * @example
 * ```ts
 * writeFixed(ctx, { kind: 'number', width: 'u16' }, 'v.id', site); // ['d.setUint16(p, v.id, true);']
 * ```
 */
export function writeFixed(
  ctx: EmitContext,
  type: TypeModel,
  value: string,
  site: FixedSite,
): string[] {
  const { at } = site;
  switch (type.kind) {
    case 'number':
      if (type.width === 'u8' || type.width === 'i8') return [`b[${at}] = ${value};`];
      return [`d.set${VIEW_TYPE[type.width]}(${at}, ${value}, true);`];
    case 'bigint':
      return [`d.set${type.width === 'u64' ? 'BigUint64' : 'BigInt64'}(${at}, ${value}, true);`];
    case 'quantized': {
      ctx.runtime.add('quantize');
      const q = `quantize(${value}, ${type.min}, ${type.max}, ${type.bits})`;
      const bytes = quantizedBytes(type.bits);
      if (bytes === 1) return [`b[${at}] = ${q};`];
      if (bytes === 2) return [`d.setUint16(${at}, ${q}, true);`];
      if (bytes === 4) return [`d.setUint32(${at}, ${q}, true);`];
      const local = site.names.helper('q');
      return [
        `const ${local} = ${q};`,
        `b[${at}] = ${local};`,
        `b[${offsetPlus(at, 1)}] = ${local} >>> 8;`,
        `b[${offsetPlus(at, 2)}] = ${local} >>> 16;`,
      ];
    }
    case 'choice':
      return [
        `b[${at}] = ${choiceHelpers(type.name).ordinalOf}(${value}, ${stringLiteral(site.path)});`,
      ];
    case 'literal':
      return [];
    default:
      throw new Error(`${type.kind} is not fixed-size`);
  }
}

/**
 * Reads a fixed-size `type` at `site.at` from `b`/`d`: statements to run first (checks and
 * temporaries) and the expression for the value.
 *
 * @example
 * ```ts
 * readFixed(ctx, { kind: 'number', width: 'f32' }, site).expr; // 'd.getFloat32(p + 2, true)'
 * ```
 */
export function readFixed(
  ctx: EmitContext,
  type: TypeModel,
  site: FixedSite,
): { lines: string[]; expr: string } {
  const { at } = site;
  switch (type.kind) {
    case 'number':
      if (type.width === 'u8') return { lines: [], expr: `b[${at}]!` };
      if (type.width === 'i8') return { lines: [], expr: `(b[${at}]! << 24) >> 24` };
      return { lines: [], expr: `d.get${VIEW_TYPE[type.width]}(${at}, true)` };
    case 'bigint':
      return {
        lines: [],
        expr: `d.get${type.width === 'u64' ? 'BigUint64' : 'BigInt64'}(${at}, true)`,
      };
    case 'quantized':
      return readQuantized(ctx, type, site);
    case 'choice':
      return {
        lines: [],
        expr: `${choiceHelpers(type.name).at}(r, ${at}, ${stringLiteral(site.path)})`,
      };
    case 'literal':
      return { lines: [], expr: type.literal.text };
    default:
      throw new Error(`${type.kind} is not fixed-size`);
  }
}

function readQuantized(
  ctx: EmitContext,
  type: { min: number; max: number; bits: number },
  site: FixedSite,
): { lines: string[]; expr: string } {
  ctx.runtime.add('dequantize');
  const { at } = site;
  const bytes = quantizedBytes(type.bits);
  const raw =
    bytes === 1
      ? `b[${at}]!`
      : bytes === 2
        ? `d.getUint16(${at}, true)`
        : bytes === 4
          ? `d.getUint32(${at}, true)`
          : `b[${at}]! | (b[${offsetPlus(at, 1)}]! << 8) | (b[${offsetPlus(at, 2)}]! << 16)`;
  const dequantize = (q: string) => `dequantize(${q}, ${type.min}, ${type.max}, ${type.bits})`;
  if (type.bits % 8 === 0) return { lines: [], expr: dequantize(raw) };
  const q = site.names.helper('q');
  const limit = 2 ** type.bits - 1;
  return {
    lines: [
      `const ${q} = ${raw};`,
      `if (${q} > ${limit}) {`,
      `  throw r.fail({ code: 'VALUE_OUT_OF_RANGE', offset: ${at}, path: ${stringLiteral(site.path)}, detail: \`quantized value \${${q}} > ${limit}\` });`,
      '}',
    ],
    expr: dequantize(q),
  };
}
