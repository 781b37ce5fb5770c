import { maxSize } from '../model/sizes.js';
import type { EmitContext } from './emitContext.js';

/**
 * Values at most this big get an unchecked writer: `encodeX` checks once that `maxSizeOfX`
 * bytes fit and then writes without a capacity check per field (most game messages, which
 * fit in a datagram). Bigger ones are only ever written with checks, since a buffer that
 * large is rare.
 */
export const UNCHECKED_WRITER_MAX_SIZE = 65_536;

/**
 * Whether the message or union `name` gets an unchecked writer (`writeX`): when it takes at
 * most `UNCHECKED_WRITER_MAX_SIZE` bytes, and more than none.
 *
 * @example
 * ```ts
 * hasUncheckedWriter(ctx, 'Entity'); // true when maxSizeOfEntity ≤ 65,536
 * ```
 */
export function hasUncheckedWriter(ctx: EmitContext, name: string): boolean {
  const kind = ctx.index.schema.unions.some((u) => u.name === name) ? 'union' : 'message';
  const max = maxSize({ kind, name }, ctx.index);
  return max > 0 && max <= UNCHECKED_WRITER_MAX_SIZE;
}
