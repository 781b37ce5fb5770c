import { stringLiteral } from './literals.js';

/** Names a generated function's locals may not take: parameters, helpers and reserved words. */
const RESERVED = new Set(
  (
    'b d p r v w i n o q size flags break case catch class const continue debugger default ' +
    'delete do else enum export extends false finally for function if import in instanceof new ' +
    'null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await arguments eval undefined NaN ' +
    'Infinity Math String Array DecodeError EncodeError'
  ).split(' '),
);

/**
 * Hands out local variable names in one generated function, each unique and never a
 * reserved word: a field `name` gets `name`, a second `i` gets `i2`, a field `default` gets
 * `default_`.
 *
 * @example
 * ```ts
 * const names = new LocalNames();
 * names.take('id'); // 'id'
 * names.take('i'); // 'i2' (plain `i` is reserved for loops)
 * ```
 */
export class LocalNames {
  private readonly used = new Set<string>();

  /** A fresh name based on `base` (an identifier-safe version of it). */
  take(base: string): string {
    let stem = base.replace(/[^A-Za-z0-9_$]/g, '_');
    if (/^[0-9]/.test(stem)) stem = `_${stem}`;
    if (RESERVED.has(stem)) stem = `${stem}_`;
    let name = stem;
    for (let k = 2; this.used.has(name); k++) name = `${stem}${k}`;
    this.used.add(name);
    return name;
  }

  /** A fresh name for a helper local such as `i` or `n`: `i`, then `i2`, `i3`, … */
  helper(base: string): string {
    let name = base;
    for (let k = 2; this.used.has(name); k++) name = `${base}${k}`;
    this.used.add(name);
    return name;
  }
}

/** `'name'` as a property access on `object`: `v.name`, or `v['odd-name']` when needed. @example `propertyAccess('v', 'id') // 'v.id'` */
export function propertyAccess(object: string, name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)
    ? `${object}.${name}`
    : `${object}[${stringLiteral(name)}]`;
}

/** `name` as an object-literal key. @example `propertyKey('odd-name') // "'odd-name'"` */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : stringLiteral(name);
}
