import { type LiteralTypeNode, Node, SyntaxKind, type TypeNode } from 'ts-morph';
import { stringLiteral } from '../emit/literals.js';
import type { LiteralValue } from '../model/schema.js';

/**
 * The value a literal type node stands for (`'a'`, `3`, `-1`, `true`, `Kind.A`); `undefined`
 * for anything else.
 *
 * @example
 * ```ts
 * literalOfNode(node); // { value: 'circle', text: "'circle'" }
 * ```
 */
export function literalOfNode(node: TypeNode): LiteralValue | undefined {
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

/** The value of a literal type node such as `'a'`, `3` or `true`. @example `literalOf(node)` */
export function literalOf(node: LiteralTypeNode): LiteralValue | undefined {
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

/** The number of a numeric literal type node, negative ones included. @example `numericLiteral(node) // -1` */
export function numericLiteral(node: LiteralTypeNode): number | undefined {
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

/** True for the `null` type. @example `isNullType(node)` */
export function isNullType(node: TypeNode): boolean {
  return Node.isLiteralTypeNode(node) && node.getLiteral().getKind() === SyntaxKind.NullKeyword;
}
