import type { Node } from 'ts-morph';
import { DEFAULT_MAX_LENGTH } from '../model/schema.js';
import { diagnosticAt } from './diagnostic.js';
import { findTag, tagText } from './jsDocTags.js';
import type { SchemaBuilder } from './schemaBuilder.js';

const MAX_CAP = 2 ** 32 - 1;

/** The caps a field declares with `@maxLength`/`@maxItems`, or the defaults. */
export interface FieldCaps {
  /** Cap on UTF-8 bytes of every string and on bytes of every `Uint8Array` in the field. */
  maxLength: number;
  /** Cap on items of every array in the field. */
  maxItems: number;
  /** The tags, to report one that applies to nothing. */
  lengthTag?: Node;
  itemsTag?: Node;
  usedLength: boolean;
  usedItems: boolean;
}

/** What resolving the type of one field carries along. */
export interface ResolveContext {
  builder: SchemaBuilder;
  path: string;
  caps: FieldCaps;
  /** Set while resolving the type node of an alias, so a union or literal union takes its name. */
  alias?: { name: string; node: Node; exported: boolean; file: string } | undefined;
}

/**
 * Reads `@maxLength` and `@maxItems` on a field (reporting malformed ones), with the default
 * cap where a tag is missing.
 *
 * @example
 * ```ts
 * resolveFieldCaps(builder, property, 'Player.name').maxLength; // 32 for `@maxLength 32`
 * ```
 */
export function resolveFieldCaps(builder: SchemaBuilder, member: Node, path: string): FieldCaps {
  const caps: FieldCaps = {
    maxLength: DEFAULT_MAX_LENGTH,
    maxItems: DEFAULT_MAX_LENGTH,
    usedLength: false,
    usedItems: false,
  };
  for (const [tagName, key] of [
    ['maxLength', 'maxLength'],
    ['maxItems', 'maxItems'],
  ] as const) {
    const tag = findTag(member, tagName);
    if (tag === undefined) continue;
    const text = tagText(tag);
    const value = Number(text);
    if (!/^\d+$/.test(text) || value > MAX_CAP) {
      builder.report(
        diagnosticAt(tag, {
          path,
          message: `@${tagName} \`${text}\` is not an integer 0 … ${MAX_CAP}`,
          hint: `write it as \`@${tagName} 32\``,
        }),
      );
      continue;
    }
    caps[key] = value;
    if (key === 'maxLength') caps.lengthTag = tag;
    else caps.itemsTag = tag;
  }
  return caps;
}

/**
 * Reports a problem at `node` for the field being resolved; returns `undefined` so callers
 * can write `return fail(...)`.
 *
 * @example
 * ```ts
 * return fail(ctx, node, '`Date` is not supported', 'send a timestamp');
 * ```
 */
export function fail(ctx: ResolveContext, node: Node, message: string, hint: string): undefined {
  ctx.builder.report(diagnosticAt(node, { path: ctx.path, message, hint }));
  return undefined;
}
