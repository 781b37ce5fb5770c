import type { EnumDeclaration, Node } from 'ts-morph';
import type { LiteralValue, TypeModel } from '../model/schema.js';
import { MAX_CHOICES } from '../model/sizes.js';
import { fail, type ResolveContext } from './resolveContext.js';

/**
 * Registers a literal union (named after its alias, or else after the field) and returns its
 * type.
 *
 * @example
 * ```ts
 * choiceFromLiterals(values, ctx, node); // { kind: 'choice', name: 'PlayerMode' }
 * ```
 */
export function choiceFromLiterals(
  values: LiteralValue[],
  ctx: ResolveContext,
  node: Node,
): TypeModel | undefined {
  if (values.length > MAX_CHOICES)
    return fail(ctx, node, `more than ${MAX_CHOICES} values`, 'use a varint or u16 field instead');
  if (new Set(values.map((v) => v.value)).size !== values.length) {
    return fail(ctx, node, 'the union repeats a value', 'list each value once');
  }
  if (ctx.alias !== undefined && !ctx.alias.exported) {
    return fail(
      ctx,
      ctx.alias.node,
      `type ${ctx.alias.name} is not exported`,
      'export it: generated code imports it',
    );
  }
  const name = ctx.alias?.name ?? synthesizedName(ctx.path);
  ctx.builder.addChoice(
    {
      name,
      typeText: values.map((v) => v.text).join(' | '),
      ...(ctx.alias === undefined ? {} : { source: { file: ctx.alias.file, name } }),
      isEnum: false,
      values,
    },
    ctx.alias?.node ?? node,
  );
  return { kind: 'choice', name };
}

/**
 * Registers an enum (members in declaration order; members with the value of an earlier one
 * share its ordinal) and returns its type.
 *
 * @example
 * ```ts
 * choiceFromEnum(decl, node, ctx); // { kind: 'choice', name: 'Team' }
 * ```
 */
export function choiceFromEnum(
  decl: EnumDeclaration,
  node: Node,
  ctx: ResolveContext,
): TypeModel | undefined {
  const name = decl.getName();
  if (decl.isConstEnum())
    return fail(
      ctx,
      node,
      `${name} is a const enum`,
      'use a plain `enum`: generated code refers to its members',
    );
  if (!decl.isExported())
    return fail(ctx, node, `enum ${name} is not exported`, 'export it: generated code imports it');
  const members = decl.getMembers();
  if (members.length === 0) return fail(ctx, node, `enum ${name} has no members`, 'add members');
  if (members.length > MAX_CHOICES)
    return fail(
      ctx,
      node,
      `enum ${name} has more than ${MAX_CHOICES} members`,
      'use a varint field instead',
    );
  const source = { file: decl.getSourceFile().getFilePath(), name };
  const values: LiteralValue[] = [];
  const seen = new Set<string | number>();
  for (const member of members) {
    const value = member.getValue();
    if (value === undefined)
      return fail(
        ctx,
        member,
        `${name}.${member.getName()} has no constant value`,
        'give it a literal value',
      );
    if (seen.has(value)) continue; // an alias of an earlier member: same value, same ordinal
    seen.add(value);
    values.push({ value, text: `${name}.${member.getName()}`, enumSource: source });
  }
  ctx.builder.addChoice({ name, typeText: name, source, isEnum: true, values }, decl);
  return { kind: 'choice', name };
}

/** `Player.mode` → `PlayerMode`; `Player.pairs[][1]` → `PlayerPairsItem1`. */
function synthesizedName(path: string): string {
  return path
    .replace(/\[\]/g, '.Item')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')
    .replace(/[^A-Za-z0-9_$]/g, '_');
}
