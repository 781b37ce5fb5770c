import {
  type EnumDeclaration,
  Node,
  type PropertyDeclaration,
  type PropertySignature,
  SyntaxKind,
  type TypeNode,
  type TypeReferenceNode,
} from 'ts-morph';
import { stringLiteral } from '../emit/literals.js';
import {
  DEFAULT_MAX_LENGTH,
  type FieldModel,
  type LiteralValue,
  type NumberWidth,
  type TypeModel,
} from '../model/schema.js';
import { MAX_CHOICES } from '../model/sizes.js';
import { diagnosticAt } from './diagnostic.js';
import { findTag, tagText } from './jsDocTags.js';
import type { SchemaBuilder } from './schemaBuilder.js';

/** Modules whose width aliases (`u16`, `quantized`, …) the generator understands. */
export const RUNTIME_MODULES = new Set(['@netstack/core', '@netstack/core/serialization']);

const NUMBER_WIDTHS = new Set<string>(['u8', 'u16', 'u32', 'i8', 'i16', 'i32', 'f32', 'f64']);
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

interface Context {
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
  const ctx: Context = { builder, path: site.path, caps };
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
      const type = rest.length === 1 ? resolveType(rest[0]!, ctx) : resolveUnion(rest, ctx, node);
      return finishField(ctx, site, type, { hasUndefined, hasNull });
    }
  }
  return finishField(ctx, site, resolveType(node, ctx), { hasUndefined, hasNull });
}

function finishField(
  ctx: Context,
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

function resolveType(node: TypeNode, ctx: Context): TypeModel | undefined {
  const inner: Context = { ...ctx, alias: undefined };
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
  if (Node.isUnionTypeNode(node)) return resolveUnion(node.getTypeNodes(), ctx, node);
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

function arrayOf(element: TypeNode, ctx: Context): TypeModel | undefined {
  ctx.caps.usedItems = true;
  const resolved = resolveType(element, { ...ctx, path: `${ctx.path}[]` });
  return resolved === undefined
    ? undefined
    : { kind: 'array', element: resolved, maxItems: ctx.caps.maxItems };
}

function resolveTuple(node: import('ts-morph').TupleTypeNode, ctx: Context): TypeModel | undefined {
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

function resolveUnion(members: TypeNode[], ctx: Context, node: Node): TypeModel | undefined {
  if (members.some((m) => m.getKind() === SyntaxKind.UndefinedKeyword || isNullType(m))) {
    return fail(
      ctx,
      node,
      'only a field can be optional (`x?: T`, `x: T | undefined`, `x: T | null`)',
      'wrap the value in a @netstack interface with an optional field',
    );
  }
  const inner: Context = { ...ctx, alias: undefined };
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

function unionOfMessages(variants: string[], ctx: Context, node: Node): TypeModel | undefined {
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

function choiceFromLiterals(
  values: LiteralValue[],
  ctx: Context,
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

function resolveReference(node: TypeReferenceNode, ctx: Context): TypeModel | undefined {
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

function builtin(text: string, node: TypeReferenceNode, ctx: Context): TypeModel | undefined {
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

function widthAlias(name: string, node: TypeReferenceNode, ctx: Context): TypeModel | undefined {
  if (NUMBER_WIDTHS.has(name)) return { kind: 'number', width: name as NumberWidth };
  if (name === 'varint') return { kind: 'varint' };
  if (name === 'zigzag') return { kind: 'zigzag' };
  if (name === 'u64' || name === 'i64') return { kind: 'bigint', width: name };
  if (name === 'quantized') {
    const args = node
      .getTypeArguments()
      .map((arg) => (Node.isLiteralTypeNode(arg) ? numericLiteral(arg) : undefined));
    const [min, max, bits] = args;
    if (args.length !== 3 || min === undefined || max === undefined || bits === undefined) {
      return fail(
        ctx,
        node,
        'quantized needs three number literals',
        'write `quantized<Min, Max, Bits>`, such as `quantized<0, 6.2832, 16>`',
      );
    }
    if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) {
      return fail(ctx, node, `quantized range ${min} … ${max} is empty`, 'Min must be below Max');
    }
    if (!Number.isInteger(bits) || bits < 1 || bits > 32) {
      return fail(
        ctx,
        node,
        `quantized bits ${bits} is not 1 … 32`,
        'use 8 or 16 bits for most values',
      );
    }
    return { kind: 'quantized', min, max, bits };
  }
  return fail(
    ctx,
    node,
    `\`${name}\` is not a width alias`,
    'use u8 u16 u32 i8 i16 i32 f32 f64 varint zigzag u64 i64 or quantized<Min, Max, Bits>',
  );
}

function choiceFromEnum(decl: EnumDeclaration, node: Node, ctx: Context): TypeModel | undefined {
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

function literalOfNode(node: TypeNode): LiteralValue | undefined {
  if (Node.isParenthesizedTypeNode(node)) return literalOfNode(node.getTypeNode());
  if (Node.isLiteralTypeNode(node)) return literalOf(node);
  if (Node.isTypeReference(node)) {
    const symbol = node.getTypeName().getSymbol();
    const target = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
    const decl = target?.getDeclarations()[0];
    if (decl !== undefined && Node.isEnumMember(decl)) {
      const value = decl.getValue();
      const enumDecl = decl.getParent();
      if (value === undefined || !enumDecl.isExported() || enumDecl.isConstEnum()) return undefined;
      const enumName = enumDecl.getName();
      return {
        value,
        text: `${enumName}.${decl.getName()}`,
        enumSource: { file: enumDecl.getSourceFile().getFilePath(), name: enumName },
      };
    }
  }
  return undefined;
}

function literalOf(node: import('ts-morph').LiteralTypeNode): LiteralValue | undefined {
  const literal = node.getLiteral();
  if (Node.isStringLiteral(literal) || Node.isNoSubstitutionTemplateLiteral(literal)) {
    const value = literal.getLiteralValue();
    return { value, text: stringLiteral(value) };
  }
  if (literal.getKind() === SyntaxKind.TrueKeyword) return { value: true, text: 'true' };
  if (literal.getKind() === SyntaxKind.FalseKeyword) return { value: false, text: 'false' };
  const value = numericLiteral(node);
  return value === undefined ? undefined : { value, text: String(value) };
}

function numericLiteral(node: import('ts-morph').LiteralTypeNode): number | undefined {
  const literal = node.getLiteral();
  if (Node.isNumericLiteral(literal)) return literal.getLiteralValue();
  if (
    Node.isPrefixUnaryExpression(literal) &&
    literal.getOperatorToken() === SyntaxKind.MinusToken
  ) {
    const operand = literal.getOperand();
    if (Node.isNumericLiteral(operand)) return -operand.getLiteralValue();
  }
  return undefined;
}

function isNullType(node: TypeNode): boolean {
  return Node.isLiteralTypeNode(node) && node.getLiteral().getKind() === SyntaxKind.NullKeyword;
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

function fail(ctx: Context, node: Node, message: string, hint: string): undefined {
  ctx.builder.report(diagnosticAt(node, { path: ctx.path, message, hint }));
  return undefined;
}
