/** Options of the `@netstack(...)` class decorator. */
export interface NetstackOptions {
  /**
   * The class's id in the generated message registry (`encodeMessage`/`decodeMessage`), an
   * integer 0 … 2^32 − 1 written as a varint before the message. Without an id the class is
   * still generated but is not in the registry. Same as the `@messageId` JSDoc tag.
   * @default undefined
   */
  id?: number;
}

type AnyClass = abstract new (...args: never[]) => unknown;
type ClassDecorator<C extends AnyClass> = (target: C, context: ClassDecoratorContext<C>) => void;

/**
 * Marks a class for `netstack-codegen`, the decorator spelling of the `/** @netstack *\/` JSDoc
 * tag that interfaces use. It does nothing at run time: the generator reads it from the source.
 * A class needs a constructor that can be called with no arguments (the decoder makes the
 * instance with `new` and then sets the fields), so methods keep working on decoded values.
 *
 * @example
 * ```ts
 * import { netstack, type u32 } from '@netstack/core/serialization';
 *
 * @netstack({ id: 1 })
 * export class Greeting {
 *   id: u32 = 0;
 *   to = '';
 *   message = '';
 * }
 * ```
 */
export function netstack<C extends AnyClass>(target: C, context: ClassDecoratorContext<C>): void;
export function netstack<C extends AnyClass>(options: NetstackOptions): ClassDecorator<C>;
export function netstack<C extends AnyClass>(
  targetOrOptions: C | NetstackOptions,
  _context?: ClassDecoratorContext<C>,
): ClassDecorator<C> | undefined {
  if (typeof targetOrOptions === 'function') return undefined;
  return () => {};
}
