import type { UnionModel } from '../model/schema.js';
import { maxSize } from '../model/sizes.js';
import type { CodeBuilder } from './codeBuilder.js';
import type { EmitContext } from './emitContext.js';
import { stringLiteral } from './literals.js';
import { propertyAccess } from './localNames.js';
import { hasUncheckedWriter } from './uncheckedWriter.js';

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
  const max = maxSize({ kind: 'union', name }, ctx.index);
  out.line(`/** The most bytes \`encode${name}\` writes for any \`${name}\`. */`);
  out.line(`export const maxSizeOf${name} = ${max};`);
  out.line();
  const writer = (fn: string, unchecked: boolean) => {
    out.block(`${fn}(w: Writer, v: ${name}): void {`, () => {
      out.block(`switch (${tag}) {`, () => {
        variants.forEach((variant, i) => {
          out.line(`case ${variant.tag.text}:`);
          if (unchecked) {
            out.line(`  w.bytes[w.reserveUnchecked(1)] = ${i};`);
            const writer = hasUncheckedWriter(ctx, variant.message) ? 'write' : 'encode';
            out.line(`  ${writer}${variant.message}(w, v);`);
          } else {
            out.line(`  w.u8(${i});`);
            out.line(`  encode${variant.message}(w, v);`);
          }
          out.line('  return;');
        });
        out.line('default:');
        out.line(
          `  throw new EncodeError({ code: 'INVALID_VALUE', path: ${stringLiteral(union.discriminant)}, detail: \`\${String((v as { ${union.discriminant}: unknown }).${union.discriminant})} is not a ${name} variant\` });`,
        );
      });
    });
  };
  out.line('/**');
  out.line(` * Writes \`v\` as its variant index (1 byte: ${table}), then the variant.`);
  if (hasUncheckedWriter(ctx, name)) {
    out.line(` * When \`maxSizeOf${name}\` bytes fit, one check covers the whole value.`);
    out.line(' */');
    out.block(`export function encode${name}(w: Writer, v: ${name}): void {`, () => {
      out.block(
        `if (w.bytes.length - w.offset >= maxSizeOf${name}) {`,
        () => out.line(`write${name}(w, v);`),
        '} else {',
      );
      out.indent(() => out.line(`write${name}Checked(w, v);`));
      out.line('}');
    });
    out.line();
    out.line(
      `/** \`encode${name}\` once \`maxSizeOf${name}\` bytes are known to fit: no capacity checks. */`,
    );
    writer(`function write${name}`, true);
    out.line();
    out.line(`/** \`encode${name}\` when they may not fit: checks room before each write. */`);
    writer(`function write${name}Checked`, false);
  } else {
    out.line(' */');
    writer(`export function encode${name}`, false);
  }
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
}
