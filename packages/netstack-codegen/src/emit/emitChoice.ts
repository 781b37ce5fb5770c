import type { ChoiceModel } from '../model/schema.js';
import type { CodeBuilder } from './codeBuilder.js';
import type { EmitContext } from './emitContext.js';
import { choiceHelpers } from './typeText.js';

/**
 * Emits the helpers of an enum or literal union: the value table (ordinal → value), the
 * encoder's `ordinalOfX` and the decoder's `xAt`; and, for an inline literal union, the local
 * type alias that names it.
 *
 * @example
 * ```ts
 * emitChoice(code, ctx, { name: 'Mode', typeText: "'idle' | 'run'", isEnum: false, values });
 * ```
 */
export function emitChoice(out: CodeBuilder, ctx: EmitContext, choice: ChoiceModel): void {
  const { name } = choice;
  const helpers = choiceHelpers(name);
  ctx.runtime.add('EncodeError');
  ctx.runtime.add('Reader');
  if (choice.source === undefined) {
    out.line(`type ${name} = ${choice.typeText};`);
    out.line();
  }
  out.line(
    `/** \`${name}\` values by ordinal: a value's index is what goes on the wire (1 byte). */`,
  );
  out.line(
    `const ${helpers.values}: readonly ${name}[] = [${choice.values.map((v) => v.text).join(', ')}];`,
  );
  out.line();
  out.line(
    `/** The ordinal of \`v\`; throws \`EncodeError\` for a value that \`${name}\` does not list. */`,
  );
  out.block(`function ${helpers.ordinalOf}(v: ${name}, path: string): number {`, () => {
    out.block('switch (v) {', () => {
      choice.values.forEach((value, i) => {
        out.line(`case ${value.text}:`);
        out.line(`  return ${i};`);
      });
      out.line('default:');
      out.line(
        `  throw new EncodeError({ code: 'INVALID_VALUE', path, detail: \`\${String(v)} is not a ${name}\` });`,
      );
    });
  });
  out.line();
  out.line(
    `/** The \`${name}\` whose ordinal is the byte at \`at\`; throws \`DecodeError\` \`UNKNOWN_TAG\` for others. */`,
  );
  out.block(`function ${helpers.at}(r: Reader, at: number, path: string): ${name} {`, () => {
    out.line(`const v = ${helpers.values}[r.bytes[at]!];`);
    out.block('if (v === undefined) {', () => {
      out.line(
        `throw r.fail({ code: 'UNKNOWN_TAG', offset: at, path, detail: \`${name} has no ordinal \${r.bytes[at]}\` });`,
      );
    });
    out.line('return v;');
  });
}
