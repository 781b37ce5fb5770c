import {
  Node,
  type PropertyDeclaration,
  type PropertySignature,
  SyntaxKind,
  type TupleTypeNode,
  type TypeNode,
  type TypeReferenceNode,
} from 'ts-morph';
import type { FieldModel, TypeModel } from '../model/schema.js';
import { isNullType, literalOf, literalOfNode } from './literalTypes.js';
import { choiceFromEnum } from './resolveChoice.js';
import { fail, type ResolveContext, resolveFieldCaps } from './resolveContext.js';
import { resolveUnion } from './resolveUnion.js';
import type { SchemaBuilder } from './schemaBuilder.js';
import { RUNTIME_MODULES, widthAlias } from './widthAlias.js';

export { type FieldCaps, resolveFieldCaps } from './resolveContext.js';

/** A property and its type node, with names for messages and synthesized names. */
export interface FieldSite {
  member: PropertySignature | PropertyDeclaration;
  typeNode: TypeNode;
  /** `Owner.field`. */
  path: string;
  /** The property name. */
  name: string;
  /** The message name. */
  owner: string;
  /** Whether the property has `?`. */
  question: boolean;
}

/**
 * Resolves the type of one field, including optionality (`?`, `| undefined`, `| null`);
 * reports what it cannot support and returns `undefined` then.
 *
 * @example
 * ```ts
 * resolveFieldType(builder, { member, typeNode: member.getTypeNodeOrThrow(), path: 'Player.hp', name: 'hp', owner: 'Player', question: false });
 * ```
 */
export function resolveFieldType(builder: SchemaBuilder, site: FieldSite): FieldModel | undefined {
  const caps = resolveFieldCaps(builder, site.member, site.path);
  const ctx: ResolveContext = { builder, path: site.path, caps };
  const node = site.typeNode;
  let hasUndefined = false;
  let hasNull = false;
  if (Node.isUnionTypeNode(node)) {
    const rest: TypeNode[] = [];
    for (const member of node.getTypeNodes()) {
      if (member.getKind() === SyntaxKind.UndefinedKeyword) hasUndefined = true;
      else if (isNullType(member)) hasNull = true;
      else rest.push(member);
    }
    if (hasUndefined || hasNull) {
      if (rest.length === 0)
        return fail(ctx, node, 'the type is only null or undefined', 'give the field a real type');
      const type =
        rest.length === 1 ? resolveType(rest[0]!, ctx) : resolveUnion(rest, ctx, node, resolveType);
      return finishField(ctx, site, type, { hasUndefined, hasNull });
    }
  }
  return finishField(ctx, site, resolveType(node, ctx), { hasUndefined, hasNull });
}

function finishField(
  ctx: ResolveContext,
  site: FieldSite,
  type: TypeModel | undefined,
  nullish: { hasUndefined: boolean; hasNull: boolean },
): FieldModel | undefined {
  const { caps } = ctx;
  if (caps.lengthTag !== undefined && !caps.usedLength) {
    fail(
      ctx,
      caps.lengthTag,
      '@maxLength applies to nothing here',
      'it caps strings and Uint8Arrays; for arrays use @maxItems',
    );
  }
  if (caps.itemsTag !== undefined && !caps.usedItems) {
    fail(
      ctx,
      caps.itemsTag,
      '@maxItems applies to nothing here',
      'it caps arrays; for strings and Uint8Arrays use @maxLength',
    );
  }
  if (nullish.hasNull && (nullish.hasUndefined || site.question)) {
    return fail(
      ctx,
      site.typeNode,
      'a field may be null or absent, not both',
      'pick one: `x: T | null` or `x?: T`',
    );
  }
  if (type === undefined) return undefined;
  const field: FieldModel = { name: site.name, type };
  if (nullish.hasNull) field.optional = 'null';
  else if (nullish.hasUndefined) field.optional = 'undefined';
  else if (site.question) field.optional = 'omit';
  return field;
}

function resolveType(node: TypeNode, ctx: ResolveContext): TypeModel | undefined {
  const inner: ResolveContext = { ...ctx, alias: undefined };
  if (Node.isParenthesizedTypeNode(node)) return resolveType(node.getTypeNode(), ctx);
  if (Node.isTypeOperatorTypeNode(node)) {
    const target = node.getTypeNode();
    if (
      node.getOperator() === SyntaxKind.ReadonlyKeyword &&
      (Node.isArrayTypeNode(target) || Node.isTupleTypeNode(target))
    ) {
      return resolveType(target, ctx);
    }
    return fail(ctx, node, `\`${node.getText()}\` is not supported`, 'use a plain type');
  }
  if (Node.isArrayTypeNode(node)) return arrayOf(node.getElementTypeNode(), inner);
  if (Node.isTupleTypeNode(node)) return resolveTuple(node, inner);
  if (Node.isUnionTypeNode(node)) return resolveUnion(node.getTypeNodes(), ctx, node, resolveType);
  if (Node.isLiteralTypeNode(node)) {
    if (isNullType(node))
      return fail(
        ctx,
        node,
        'null is only allowed as `field: T | null`',
        'make the field optional',
      );
    const literal = literalOf(node);
    return literal === undefined
      ? fail(
          ctx,
          node,
          `literal \`${node.getText()}\` is not supported`,
          'use a string or number literal',
        )
      : { kind: 'literal', literal };
  }
  if (Node.isTypeReference(node)) return resolveReference(node, inner);
  switch (node.getKind()) {
    case SyntaxKind.BooleanKeyword:
      return { kind: 'boolean' };
    case SyntaxKind.StringKeyword:
      ctx.caps.usedLength = true;
      return { kind: 'string', maxBytes: ctx.caps.maxLength };
    case SyntaxKind.NumberKeyword:
      return { kind: 'number', width: 'f64' };
    case SyntaxKind.BigIntKeyword:
      return fail(ctx, node, '`bigint` has no width', "use `u64` or `i64` from '@netstack/core'");
    case SyntaxKind.AnyKeyword:
    case SyntaxKind.UnknownKeyword:
      return fail(
        ctx,
        node,
        `\`${node.getText()}\` cannot be encoded`,
        'give the field a concrete type such as u32, string or a @netstack interface',
      );
    case SyntaxKind.TypeLiteral:
      return fail(
        ctx,
        node,
        'inline object types are not supported',
        'declare a named interface marked /** @netstack */ and use it here',
      );
    case SyntaxKind.FunctionType:
    case SyntaxKind.ConstructorType:
      return fail(
        ctx,
        node,
        'functions cannot be sent',
        'remove the field, or keep it on an object that is not a message',
      );
    default:
      return fail(
        ctx,
        node,
        `\`${node.getText()}\` is not supported`,
        'see docs/codegen.md for the supported types',
      );
  }
}

function arrayOf(element: TypeNode, ctx: ResolveContext): TypeModel | undefined {
  ctx.caps.usedItems = true;
  const resolved = resolveType(element, { ...ctx, path: `${ctx.path}[]` });
  return resolved === undefined
    ? undefined
    : { kind: 'array', element: resolved, maxItems: ctx.caps.maxItems };
}

function resolveTuple(node: TupleTypeNode, ctx: ResolveContext): TypeModel | undefined {
  const elements: TypeModel[] = [];
  let ok = true;
  node.getElements().forEach((element, i) => {
    const path = `${ctx.path}[${i}]`;
    let typeNode: TypeNode = element;
    if (Node.isNamedTupleMember(element)) {
      if (element.hasQuestionToken() || element.getDotDotDotToken() !== undefined) {
        ok = false;
        fail(
          { ...ctx, path },
          element,
          'optional and rest tuple elements are not supported',
          'use a fixed-length tuple or an array',
        );
        return;
      }
      typeNode = element.getTypeNode();
    }
    if (Node.isOptionalTypeNode(typeNode) || Node.isRestTypeNode(typeNode)) {
      ok = false;
      fail(
        { ...ctx, path },
        element,
        'optional and rest tuple elements are not supported',
        'use a fixed-length tuple or an array',
      );
      return;
    }
    const resolved = resolveType(typeNode, { ...ctx, path });
    if (resolved === undefined) ok = false;
    else elements.push(resolved);
  });
  return ok ? { kind: 'tuple', elements } : undefined;
}

function resolveReference(node: TypeReferenceNode, ctx: ResolveContext): TypeModel | undefined {
  const typeName = node.getTypeName();
  const text = typeName.getText();
  const args = node.getTypeArguments();
  if (Node.isQualifiedName(typeName)) {
    const literal = literalOfNode(node);
    return literal === undefined
      ? fail(
          ctx,
          node,
          `\`${text}\` is not supported`,
          'use an enum member, a width alias or a @netstack interface',
        )
      : { kind: 'literal', literal };
  }
  const symbol = typeName.getSymbol();
  let decl = symbol?.getDeclarations()[0];
  if (decl !== undefined && Node.isImportSpecifier(decl)) {
    const module = decl.getImportDeclaration().getModuleSpecifierValue();
    if (RUNTIME_MODULES.has(module)) return widthAlias(decl.getName(), node, ctx);
    decl = symbol?.getAliasedSymbol()?.getDeclarations()[0];
    if (decl === undefined) {
      return fail(
        ctx,
        node,
        `cannot resolve \`${text}\` imported from '${module}'`,
        'check the import path and that the module exports it',
      );
    }
  }
  if (decl === undefined || decl.getSourceFile().isDeclarationFile())
    return builtin(text, node, ctx);
  if (Node.isInterfaceDeclaration(decl) || Node.isClassDeclaration(decl)) {
    if (args.length > 0)
      return fail(ctx, node, 'generic messages are not supported', 'declare a concrete interface');
    const name = ctx.builder.ensureMessage(decl, node, ctx.path);
    return name === undefined ? undefined : { kind: 'message', name };
  }
  if (Node.isEnumDeclaration(decl)) return choiceFromEnum(decl, node, ctx);
  if (Node.isEnumMember(decl)) {
    const literal = literalOfNode(node);
    return literal === undefined ? undefined : { kind: 'literal', literal };
  }
  if (Node.isTypeAliasDeclaration(decl)) {
    if (decl.getTypeParameters().length > 0)
      return fail(ctx, node, 'generic type aliases are not supported', 'use a concrete type');
    const aliasNode = decl.getTypeNode();
    if (aliasNode === undefined)
      return fail(ctx, node, `\`${text}\` has no type`, 'give the alias a type');
    const alias = {
      name: decl.getName(),
      node: decl,
      exported: decl.isExported(),
      file: decl.getSourceFile().getFilePath(),
    };
    return resolveType(aliasNode, { ...ctx, alias });
  }
  if (Node.isTypeParameterDeclaration(decl))
    return fail(ctx, node, 'type parameters are not supported', 'use a concrete type');
  return builtin(text, node, ctx);
}

function builtin(
  text: string,
  node: TypeReferenceNode,
  ctx: ResolveContext,
): TypeModel | undefined {
  const args = node.getTypeArguments();
  switch (text) {
    case 'Uint8Array':
      ctx.caps.usedLength = true;
      return { kind: 'bytes', maxBytes: ctx.caps.maxLength };
    case 'Array':
    case 'ReadonlyArray':
      if (args.length === 1) return arrayOf(args[0]!, ctx);
      break;
    case 'Date':
      return fail(
        ctx,
        node,
        '`Date` is not supported',
        'send a timestamp instead, such as `f64` milliseconds since the epoch',
      );
    case 'Map':
    case 'Set':
    case 'Record':
      return fail(
        ctx,
        node,
        `\`${text}\` is not supported`,
        'send an array of entries, such as `Entry[]` with a @netstack interface Entry { key; value }',
      );
    case 'Function':
    case 'Promise':
      return fail(ctx, node, `\`${text}\` cannot be sent`, 'remove the field');
  }
  return fail(
    ctx,
    node,
    `\`${node.getText()}\` is not supported`,
    'see docs/codegen.md for the supported types',
  );
}
