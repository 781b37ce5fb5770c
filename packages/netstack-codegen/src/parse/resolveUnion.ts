import { type Node, SyntaxKind, type TypeNode } from 'ts-morph';
import type { LiteralValue, TypeModel } from '../model/schema.js';
import { MAX_CHOICES } from '../model/sizes.js';
import { isNullType, literalOfNode } from './literalTypes.js';
import { choiceFromLiterals } from './resolveChoice.js';
import { fail, type ResolveContext } from './resolveContext.js';

/** Resolves one type node (passed in, so that this module does not import its caller). */
export type ResolveType = (node: TypeNode, ctx: ResolveContext) => TypeModel | undefined;

/**
 * Resolves a union: of literals, a literal union; of marked messages with a discriminant, a
 * discriminated union; anything else is reported.
 *
 * @example
 * ```ts
 * resolveUnion(node.getTypeNodes(), ctx, node, resolveType);
 * ```
 */
export function resolveUnion(
  members: TypeNode[],
  ctx: ResolveContext,
  node: Node,
  resolveType: ResolveType,
): TypeModel | undefined {
  if (members.some((m) => m.getKind() === SyntaxKind.UndefinedKeyword || isNullType(m))) {
    return fail(
      ctx,
      node,
      'only a field can be optional (`x?: T`, `x: T | undefined`, `x: T | null`)',
      'wrap the value in a @netstack interface with an optional field',
    );
  }
  const inner: ResolveContext = { ...ctx, alias: undefined };
  const literals = members.map((m) => literalOfNode(m));
  if (literals.every((l) => l !== undefined))
    return choiceFromLiterals(literals as LiteralValue[], ctx, node);
  const variants: string[] = [];
  for (const member of members) {
    const resolved = resolveType(member, inner);
    if (resolved === undefined) return undefined;
    if (resolved.kind !== 'message') {
      return fail(
        ctx,
        member,
        `a union may hold only literals, or only @netstack messages; \`${member.getText()}\` is neither`,
        'split the union into separate fields, or wrap each alternative in a message with a literal tag field',
      );
    }
    variants.push(resolved.name);
  }
  return unionOfMessages(variants, ctx, node);
}

function unionOfMessages(
  variants: string[],
  ctx: ResolveContext,
  node: Node,
): TypeModel | undefined {
  if (variants.length > MAX_CHOICES)
    return fail(ctx, node, `a union has more than ${MAX_CHOICES} variants`, 'split it');
  const models = variants.map((name) => ctx.builder.findMessage(name));
  if (models.some((m) => m === undefined)) return undefined;
  const first = models[0]!;
  const discriminant = first.fields.find((field) => {
    if (field.type.kind !== 'literal' || field.optional !== undefined) return false;
    const values = models.map((m) => {
      const f = m!.fields.find((g) => g.name === field.name);
      return f?.type.kind === 'literal' && f.optional === undefined
        ? f.type.literal.value
        : undefined;
    });
    return values.every((v) => v !== undefined) && new Set(values).size === values.length;
  });
  if (discriminant === undefined) {
    return fail(
      ctx,
      node,
      `${variants.join(' | ')} has no discriminant`,
      "give every variant a property with a different literal type, such as `kind: 'circle'`",
    );
  }
  const name = ctx.alias?.name ?? variants.join('Or');
  if (ctx.alias !== undefined && !ctx.alias.exported) {
    return fail(
      ctx,
      ctx.alias.node,
      `type ${name} is not exported`,
      'export it: generated code imports it',
    );
  }
  ctx.builder.addUnion(
    {
      name,
      typeText: variants.join(' | '),
      ...(ctx.alias === undefined ? {} : { source: { file: ctx.alias.file, name } }),
      discriminant: discriminant.name,
      variants: models.map((m) => {
        const field = m!.fields.find((g) => g.name === discriminant.name)!;
        return { tag: (field.type as { literal: LiteralValue }).literal, message: m!.name };
      }),
    },
    ctx.alias?.node ?? node,
  );
  return { kind: 'union', name };
}
