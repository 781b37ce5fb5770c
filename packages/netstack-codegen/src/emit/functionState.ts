import type { CodeBuilder } from './codeBuilder.js';
import type { EmitContext } from './emitContext.js';
import type { LocalNames } from './localNames.js';

/** What the emitters of one generated function share. */
export interface FunctionState {
  /** The file-wide context. */
  ctx: EmitContext;
  /** Where the function body goes. */
  code: CodeBuilder;
  /** Its local names. */
  names: LocalNames;
  /** Which of the buffer locals `p` (offset), `b` (bytes), `d` (DataView) the body uses. */
  uses: Set<'p' | 'b' | 'd'>;
  /**
   * For an encoder body that runs only once room for the whole value is known to be there:
   * it uses `reserveUnchecked`/`stringUnchecked` and the nested values' unchecked writers.
   */
  unchecked?: boolean;
}

/**
 * `p` or `p + k`: an offset expression inside a run.
 *
 * @example
 * ```ts
 * offsetAt(0); // 'p'
 * offsetAt(3); // 'p + 3'
 * ```
 */
export function offsetAt(k: number, base = 'p'): string {
  return k === 0 ? base : `${base} + ${k}`;
}

/** Marks `b` or `d` used when a line mentions it. */
export function noteBufferUse(state: FunctionState, lines: readonly string[]): void {
  for (const line of lines) {
    if (/\bb\[/.test(line)) state.uses.add('b');
    if (/\bd\.[gs]et/.test(line)) state.uses.add('d');
  }
}

/**
 * `at` plus `n` bytes, folding constants: `offsetPlus('p + 19', 2)` is `'p + 21'`.
 *
 * @example
 * ```ts
 * offsetPlus('p', 1); // 'p + 1'
 * ```
 */
export function offsetPlus(at: string, n: number): string {
  const match = /^(.*) \+ (\d+)$/.exec(at);
  if (match !== null) return `${match[1]} + ${Number(match[2]) + n}`;
  return n === 0 ? at : `${at} + ${n}`;
}
