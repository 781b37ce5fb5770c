import { CodeBuilder } from './codeBuilder.js';
import type { EmitContext } from './emitContext.js';
import type { FunctionState } from './functionState.js';
import { LocalNames } from './localNames.js';

/** How a generated function starts and ends around its body. */
export interface FunctionShape {
  /** TSDoc lines (without the comment markers). */
  doc: string[];
  /** The signature up to and including `{`. */
  signature: string;
  /** Parameter names, kept out of the locals. */
  params: string[];
  /** Whether the body reads (`r`) or writes (`w`) buffers, for the `b`/`d` locals. */
  buffers?: 'r' | 'w';
  /** Whether the body may write without capacity checks (see `FunctionState.unchecked`). */
  unchecked?: boolean;
  /** Emits the body; returns lines to add after it (such as `return …;`). */
  body: (state: FunctionState) => string[];
}

/**
 * Emits one generated function: TSDoc, signature, the buffer locals the body uses (`b`, `d`,
 * `p`), the body and its closing lines.
 *
 * @example
 * ```ts
 * emitFunction(code, ctx, { doc: ['Writes…'], signature: 'export function f(w: Writer): void {', params: ['w'], buffers: 'w', body: () => [] });
 * ```
 */
export function emitFunction(out: CodeBuilder, ctx: EmitContext, shape: FunctionShape): void {
  const names = new LocalNames();
  for (const name of [...shape.params, 'b', 'd', 'p']) names.helper(name);
  const body = new CodeBuilder();
  const state: FunctionState = { ctx, code: body, names, uses: new Set() };
  if (shape.unchecked === true) state.unchecked = true;
  const tail = shape.body(state);
  const text = `${body.toString()}\n${tail.join('\n')}`;
  let signature = shape.signature;
  for (const param of shape.params) {
    if (!new RegExp(`(?<![\\w$.])${param}\\b`).test(text)) {
      signature = signature.replace(new RegExp(`\\b${param}:`), `_${param}:`);
    }
  }
  out.line('/**');
  for (const line of shape.doc) out.line(line === '' ? ' *' : ` * ${line}`);
  out.line(' */');
  out.block(signature, () => {
    const source = shape.buffers;
    if (source !== undefined) {
      if (state.uses.has('b')) out.line(`const b = ${source}.bytes;`);
      if (state.uses.has('d')) out.line(`const d = ${source}.view;`);
      if (state.uses.has('p') && !declareAtFirstUse(body)) out.line('let p: number;');
    }
    out.append(body);
    for (const line of tail) out.line(line);
  });
}

/**
 * When the body's first mention of `p` is an assignment at its top level, turns it into the
 * declaration (`const` when it is the only assignment, `let` otherwise) and returns true.
 */
function declareAtFirstUse(body: CodeBuilder): boolean {
  const lines = body.text;
  const first = lines.findIndex((line) => /(?<![\w$.])p\b/.test(line));
  if (first < 0 || !lines[first]!.startsWith('p = ')) return false;
  const assignments = lines.filter((line) => /^\s*p = /.test(line)).length;
  body.replace(first, `${assignments === 1 ? 'const' : 'let'} ${lines[first]}`);
  return true;
}
