import type { MessageModel } from '../model/schema.js';
import { maxSize, varintBytes } from '../model/sizes.js';
import type { CodeBuilder } from './codeBuilder.js';
import type { EmitContext } from './emitContext.js';
import { stringLiteral } from './literals.js';

/**
 * Emits the message registry for messages with an id: `messageIds`, the `AnyMessage` union,
 * and `encodeMessage`/`decodeMessage`/`sizeOfMessage`, which put a varint id before each
 * message so that one packet can carry several, one after another.
 *
 * @example
 * ```ts
 * emitRegistry(code, ctx, schema.messages.filter((m) => m.id !== undefined));
 * ```
 */
export function emitRegistry(
  out: CodeBuilder,
  ctx: EmitContext,
  messages: readonly MessageModel[],
): void {
  const entries = [...messages].sort((a, b) => a.id! - b.id!);
  ctx.runtime.add('Writer');
  ctx.runtime.add('Reader');
  ctx.runtime.add('EncodeError');
  out.line('/** Message ids of the registry: each is written as a varint before its message. */');
  out.block(
    'export const messageIds = {',
    () => {
      for (const m of entries) out.line(`${m.name}: ${m.id},`);
    },
    '} as const;',
  );
  out.line();
  out.line('/** Any message of the registry, tagged with its type name. */');
  const members = entries.map((m) => `{ type: ${stringLiteral(m.name)}; value: ${m.name} }`);
  const oneLine = `export type AnyMessage = ${members.join(' | ')};`;
  if (oneLine.length <= 100) {
    out.line(oneLine);
  } else {
    out.line('export type AnyMessage =');
    members.forEach((member, i) => {
      out.line(`  | ${member}${i === members.length - 1 ? ';' : ''}`);
    });
  }
  out.line();
  out.line('/**');
  out.line(
    ' * Writes the message id (varint) and the message. Call it once per message to pack several',
  );
  out.line(' * into one packet.');
  out.line(' */');
  out.block('export function encodeMessage(w: Writer, m: AnyMessage): void {', () => {
    out.block('switch (m.type) {', () => {
      for (const m of entries) {
        out.line(`case ${stringLiteral(m.name)}:`);
        out.line(`  w.varint(${m.id});`);
        out.line(`  encode${m.name}(w, m.value);`);
        out.line('  return;');
      }
      out.line('default:');
      out.line(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the generated code
        "  throw new EncodeError({ code: 'INVALID_VALUE', path: 'type', detail: `${String((m as { type: unknown }).type)} is not a registered message` });",
      );
    });
  });
  out.line();
  out.line('/**');
  out.line(' * Reads one message id and that message. To read every message of a packet:');
  out.line(' * `while (r.remaining > 0) handle(decodeMessage(r));`');
  out.line(' */');
  out.block('export function decodeMessage(r: Reader): AnyMessage {', () => {
    out.line('const at = r.offset;');
    out.line("const id = r.varint('type');");
    out.block('switch (id) {', () => {
      for (const m of entries) {
        out.line(`case ${m.id}:`);
        out.line(`  return { type: ${stringLiteral(m.name)}, value: decode${m.name}(r) };`);
      }
      out.line('default:');
      out.line(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the generated code
        "  throw r.fail({ code: 'UNKNOWN_TAG', offset: at, path: 'type', detail: `no message has id ${id}` });",
      );
    });
  });
  out.line();
  out.line('/** The exact number of bytes `encodeMessage` writes for `m`. */');
  out.block('export function sizeOfMessage(m: AnyMessage): number {', () => {
    out.block('switch (m.type) {', () => {
      for (const m of entries) {
        out.line(`case ${stringLiteral(m.name)}:`);
        out.line(`  return ${varintBytes(m.id!)} + sizeOf${m.name}(m.value);`);
      }
    });
  });
  out.line();
  const max = Math.max(
    ...entries.map(
      (m) => varintBytes(m.id!) + maxSize({ kind: 'message', name: m.name }, ctx.index),
    ),
  );
  out.line('/** The most bytes `encodeMessage` writes for any message. */');
  out.line(`export const maxSizeOfMessage = ${max};`);
}
