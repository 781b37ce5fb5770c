import type { MessageModel } from '../model/schema.js';
import { maxSize, minSize } from '../model/sizes.js';
import { CodeBuilder } from './codeBuilder.js';
import { describeLayout } from './describeLayout.js';
import type { EmitContext } from './emitContext.js';
import { emitDecodeStruct } from './emitDecode.js';
import { emitEncodeStruct } from './emitEncode.js';
import { emitFunction } from './emitFunction.js';
import { emitSizeStruct } from './emitSize.js';
import { propertyAccess, propertyKey } from './localNames.js';
import { hasUncheckedWriter } from './uncheckedWriter.js';

/**
 * Emits the functions of one message: `maxSizeOfX`, `encodeX` (with its unchecked and checked
 * writers when the message is small enough), `decodeX` and `sizeOfX`.
 *
 * @example
 * ```ts
 * emitMessage(code, ctx, index.message('Entity'));
 * ```
 */
export function emitMessage(out: CodeBuilder, ctx: EmitContext, message: MessageModel): void {
  const { name, fields } = message;
  const index = ctx.index;
  const max = maxSize({ kind: 'message', name }, index);
  const min = minSize({ kind: 'message', name }, index);
  const layout = describeLayout(fields, index);
  const sizeText = min === max ? `${max} bytes` : `${min}–${max} bytes`;
  const layoutDoc = ['', `Wire layout (${sizeText}):`, '```text', ...layout, '```'];
  ctx.runtime.add('Writer');
  ctx.runtime.add('Reader');

  out.line(
    `/** The most bytes \`encode${name}\` writes for any \`${name}\` (strings and arrays at their caps). */`,
  );
  out.line(`export const maxSizeOf${name} = ${max};`);
  out.line();
  const members = fields.map((f) => ({
    path: f.name,
    value: propertyAccess('v', f.name),
    slot: f,
  }));
  const encodeDoc = [
    `Writes \`v\` at \`w.offset\` and advances it. Throws \`EncodeError\` when the buffer is too`,
    'small or a length is over its cap.',
    ...layoutDoc,
  ];
  if (hasUncheckedWriter(ctx, name)) {
    out.line('/**');
    for (const line of encodeDoc) out.line(line === '' ? ' *' : ` * ${line}`);
    out.line(' *');
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
    emitFunction(out, ctx, {
      doc: [
        `\`encode${name}\` once \`maxSizeOf${name}\` bytes are known to fit: no capacity checks.`,
      ],
      signature: `function write${name}(w: Writer, v: ${name}): void {`,
      params: ['w', 'v'],
      buffers: 'w',
      unchecked: true,
      body: (state) => {
        emitEncodeStruct(state, members);
        return [];
      },
    });
    out.line();
    emitFunction(out, ctx, {
      doc: [`\`encode${name}\` when they may not fit: checks room before each write.`],
      signature: `function write${name}Checked(w: Writer, v: ${name}): void {`,
      params: ['w', 'v'],
      buffers: 'w',
      body: (state) => {
        emitEncodeStruct(state, members);
        return [];
      },
    });
  } else {
    emitFunction(out, ctx, {
      doc: encodeDoc,
      signature: `export function encode${name}(w: Writer, v: ${name}): void {`,
      params: ['w', 'v'],
      buffers: 'w',
      body: (state) => {
        emitEncodeStruct(state, members);
        return [];
      },
    });
  }
  out.line();

  emitFunction(out, ctx, {
    doc: [
      `Reads one \`${name}\` at \`r.offset\` and advances past it. Throws \`DecodeError\` for`,
      'bytes that do not hold one.',
    ],
    signature: `export function decode${name}(r: Reader): ${name} {`,
    params: ['r'],
    buffers: 'r',
    body: (state) => {
      const values = emitDecodeStruct(
        state,
        fields.map((f) => ({ path: f.name, local: f.name, slot: f })),
        '',
      );
      return message.declaration === 'class'
        ? classResult(state.names.helper('o'), message, values)
        : objectResult(message, values);
    },
  });
  out.line();

  emitFunction(out, ctx, {
    doc: [`The exact number of bytes \`encode${name}\` writes for \`v\`.`],
    signature: `export function sizeOf${name}(v: ${name}): number {`,
    params: ['v'],
    body: (state) => {
      const outer = state.code;
      state.code = new CodeBuilder();
      const constant = emitSizeStruct(
        state,
        fields.map((f) => ({ path: f.name, value: propertyAccess('v', f.name), slot: f })),
      );
      const variable = state.code;
      state.code = outer;
      if (variable.isEmpty()) return [`return ${constant};`];
      outer.line(`let size = ${constant};`);
      outer.append(variable);
      return ['return size;'];
    },
  });
}

function objectResult(message: MessageModel, values: string[]): string[] {
  const parts = message.fields.map((field, i) => {
    const value = values[i]!;
    const property = value === field.name ? value : `${propertyKey(field.name)}: ${value}`;
    if (field.optional === 'omit')
      return `...(${value} === undefined ? undefined : { ${property} })`;
    return property;
  });
  if (parts.length === 0) return ['return {};'];
  return [`return { ${parts.join(', ')} };`]; // wrapLongLines breaks it when too wide
}

function classResult(o: string, message: MessageModel, values: string[]): string[] {
  const lines = [`const ${o} = new ${message.name}();`];
  message.fields.forEach((field, i) => {
    const value = values[i]!;
    const assign = `${propertyAccess(o, field.name)} = ${value};`;
    lines.push(field.optional === 'omit' ? `if (${value} !== undefined) ${assign}` : assign);
  });
  lines.push(`return ${o};`);
  return lines;
}
