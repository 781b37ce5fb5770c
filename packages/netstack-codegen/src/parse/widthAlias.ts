import { Node, type TypeReferenceNode } from 'ts-morph';
import type { NumberWidth, TypeModel } from '../model/schema.js';
import { numericLiteral } from './literalTypes.js';
import { fail, type ResolveContext } from './resolveContext.js';

/** Modules whose width aliases (`u16`, `quantized`, …) the generator understands. */
export const RUNTIME_MODULES = new Set(['@netstack/core', '@netstack/core/serialization']);

const NUMBER_WIDTHS = new Set<string>(['u8', 'u16', 'u32', 'i8', 'i16', 'i32', 'f32', 'f64']);

/**
 * The wire type of a width alias imported from `@netstack/core`, by its exported name;
 * reports a name it does not know, or bad `quantized` arguments.
 *
 * @example
 * ```ts
 * widthAlias('u16', node, ctx); // { kind: 'number', width: 'u16' }
 * ```
 */
export function widthAlias(
  name: string,
  node: TypeReferenceNode,
  ctx: ResolveContext,
): TypeModel | undefined {
  if (NUMBER_WIDTHS.has(name)) return { kind: 'number', width: name as NumberWidth };
  if (name === 'varint') return { kind: 'varint' };
  if (name === 'zigzag') return { kind: 'zigzag' };
  if (name === 'u64' || name === 'i64') return { kind: 'bigint', width: name };
  if (name === 'quantized') {
    const args = node
      .getTypeArguments()
      .map((arg) => (Node.isLiteralTypeNode(arg) ? numericLiteral(arg) : undefined));
    const [min, max, bits] = args;
    if (args.length !== 3 || min === undefined || max === undefined || bits === undefined) {
      return fail(
        ctx,
        node,
        'quantized needs three number literals',
        'write `quantized<Min, Max, Bits>`, such as `quantized<0, 6.2832, 16>`',
      );
    }
    if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) {
      return fail(ctx, node, `quantized range ${min} … ${max} is empty`, 'Min must be below Max');
    }
    if (!Number.isInteger(bits) || bits < 1 || bits > 32) {
      return fail(
        ctx,
        node,
        `quantized bits ${bits} is not 1 … 32`,
        'use 8 or 16 bits for most values',
      );
    }
    return { kind: 'quantized', min, max, bits };
  }
  return fail(
    ctx,
    node,
    `\`${name}\` is not a width alias`,
    'use u8 u16 u32 i8 i16 i32 f32 f64 varint zigzag u64 i64 or quantized<Min, Max, Bits>',
  );
}
