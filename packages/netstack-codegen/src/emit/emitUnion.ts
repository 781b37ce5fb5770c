import type { UnionModel } from '../model/schema.js';
import { maxSize } from '../model/sizes.js';
import type { CodeBuilder } from './codeBuilder.js';
import type { EmitContext } from './emitContext.js';
import { stringLiteral } from './literals.js';
import { propertyAccess } from './localNames.js';

/**
 * Emits the functions of a discriminated union: a variant index byte, then the variant.
 *
 * @example
 * ```ts
 * emitUnion(code, ctx, index.union('Shape'));
 * ```
 */
export function emitUnion(out: CodeBuilder, ctx: EmitContext, union: UnionModel): void {
  const { name, variants } = union;
  const tag = propertyAccess('v', union.discriminant);
  ctx.runtime.add('EncodeError');
  ctx.runtime.add('Writer');
  ctx.runtime.add('Reader');
  if (union.source === undefined) {
    out.line(`type ${name} = ${union.typeText};`);
    out.line();
  }
  const table = variants
    .map((v, i) => `${i} ${v.message} (${union.discriminant} ${v.tag.text})`)
    .join(', ');
  out.line('/**');
  out.line(` * Writes \`v\` as its variant index (1 byte: ${table}), then the variant.`);
  out.line(' */');
  out.block(`export function encode${name}(w: Writer, v: ${name}): void {`, () => {
    out.block(`switch (${tag}) {`, () => {
      variants.forEach((variant, i) => {
        out.line(`case ${variant.tag.text}:`);
        out.line(`  w.u8(${i});`);
        out.line(`  encode${variant.message}(w, v);`);
        out.line('  return;');
      });
      out.line('default:');
      out.line(
        `  throw new EncodeError({ code: 'INVALID_VALUE', path: ${stringLiteral(union.discriminant)}, detail: \`\${String((v as { ${union.discriminant}: unknown }).${union.discriminant})} is not a ${name} variant\` });`,
      );
    });
  });
  out.line();
  out.line(`/** Reads a \`${name}\`: its variant index, then that variant. */`);
  out.block(`export function decode${name}(r: Reader): ${name} {`, () => {
    out.line("const at = r.take(1, '');");
    out.block('switch (r.bytes[at]) {', () => {
      variants.forEach((variant, i) => {
        out.line(`case ${i}:`);
        out.line(`  return decode${variant.message}(r);`);
      });
      out.line('default:');
      out.line(
        `  throw r.fail({ code: 'UNKNOWN_TAG', offset: at, path: '', detail: \`${name} has no variant \${r.bytes[at]}\` });`,
      );
    });
  });
  out.line();
  out.line(`/** The exact number of bytes \`encode${name}\` writes for \`v\`. */`);
  out.block(`export function sizeOf${name}(v: ${name}): number {`, () => {
    out.block(`switch (${tag}) {`, () => {
      for (const variant of variants) {
        out.line(`case ${variant.tag.text}:`);
        out.line(`  return 1 + sizeOf${variant.message}(v);`);
      }
    });
  });
  out.line();
  out.line(`/** The most bytes \`encode${name}\` writes for any \`${name}\`. */`);
  out.line(`export const maxSizeOf${name} = ${maxSize({ kind: 'union', name }, ctx.index)};`);
}
