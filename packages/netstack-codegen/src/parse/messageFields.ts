import {
  type ClassDeclaration,
  Node,
  type PropertyDeclaration,
  type PropertySignature,
  Scope,
  SyntaxKind,
} from 'ts-morph';
import type { FieldModel } from '../model/schema.js';
import { diagnosticAt } from './diagnostic.js';
import { resolveFieldCaps, resolveFieldType } from './resolveType.js';
import type { SchemaBuilder } from './schemaBuilder.js';

/**
 * Reports what keeps the decoder from making and filling instances of a class message: an
 * abstract class, `extends`, constructor parameters without defaults.
 *
 * @example
 * ```ts
 * checkClass(decl, 'Greeting', fail);
 * ```
 */
export function checkClass(
  decl: ClassDeclaration,
  name: string,
  fail: (node: Node, message: string, hint: string) => void,
): void {
  if (decl.isAbstract())
    fail(
      decl,
      `${name} is abstract`,
      'the decoder makes instances with `new`; use a concrete class',
    );
  if (decl.getExtends() !== undefined) {
    fail(
      decl,
      `${name} extends another class`,
      'inheritance is not supported; repeat the fields or use an interface',
    );
  }
  for (const ctor of decl.getConstructors()) {
    const required = ctor
      .getParameters()
      .filter((p) => !p.hasInitializer() && !p.isOptional() && !p.isRestParameter());
    if (required.length > 0) {
      fail(
        ctor,
        `${name}'s constructor has required parameters`,
        `the decoder calls \`new ${name}()\`; give every parameter a default`,
      );
    }
  }
}

/**
 * The field of an interface property (or `undefined`, after reporting why it cannot be one).
 *
 * @example
 * ```ts
 * interfaceField(builder, property, 'Player');
 * ```
 */
export function interfaceField(
  builder: SchemaBuilder,
  member: PropertySignature,
  owner: string,
): FieldModel | undefined {
  const name = propertyName(member);
  const path = `${owner}.${name ?? member.getName()}`;
  if (name === undefined) {
    builder.report(
      diagnosticAt(member, {
        path,
        message: 'computed property names are not supported',
        hint: 'use a plain identifier or string name',
      }),
    );
    return undefined;
  }
  const typeNode = member.getTypeNode();
  if (typeNode === undefined) {
    builder.report(
      diagnosticAt(member, {
        path,
        message: 'the property has no type',
        hint: 'give it a type such as u32 or string',
      }),
    );
    return undefined;
  }
  return resolveFieldType(builder, {
    member,
    typeNode,
    path,
    name,
    owner,
    question: member.hasQuestionToken(),
  });
}

/**
 * The field of a class property (or `undefined`, after reporting why it cannot be one). A
 * property without an annotation is typed from its initializer: `string`, `number` (as
 * `f64`) or `boolean`.
 *
 * @example
 * ```ts
 * classField(builder, property, 'Greeting');
 * ```
 */
export function classField(
  builder: SchemaBuilder,
  property: PropertyDeclaration,
  owner: string,
): FieldModel | undefined {
  const name = propertyName(property);
  const path = `${owner}.${name ?? property.getName()}`;
  const fail = (message: string, hint: string) => {
    builder.report(diagnosticAt(property, { path, message, hint }));
    return undefined;
  };
  if (name === undefined || property.getNameNode().getKind() === SyntaxKind.PrivateIdentifier) {
    return fail(
      'private (#) and computed field names are not supported',
      'use a public field with a plain name',
    );
  }
  if (property.getScope() !== Scope.Public) {
    return fail(
      `${property.getScope()} fields are not supported`,
      'make it public: the generated code reads and sets it',
    );
  }
  if (property.isReadonly())
    return fail(
      'readonly fields cannot be set by the decoder',
      'remove `readonly`, or use an interface',
    );
  const typeNode = property.getTypeNode();
  if (typeNode === undefined) {
    const type = property.getType();
    const inferred = type.isString()
      ? 'string'
      : type.isNumber()
        ? 'f64'
        : type.isBoolean()
          ? 'boolean'
          : undefined;
    if (inferred === undefined)
      return fail('the field has no type annotation', 'annotate it, such as `hp: u8 = 100`');
    const field: FieldModel = {
      name,
      type:
        inferred === 'string'
          ? { kind: 'string', maxBytes: resolveFieldCaps(builder, property, path).maxLength }
          : inferred === 'f64'
            ? { kind: 'number', width: 'f64' }
            : { kind: 'boolean' },
    };
    if (property.hasQuestionToken()) field.optional = 'omit';
    return field;
  }
  return resolveFieldType(builder, {
    member: property,
    typeNode,
    path,
    name,
    owner,
    question: property.hasQuestionToken(),
  });
}

function propertyName(member: PropertySignature | PropertyDeclaration): string | undefined {
  const nameNode = member.getNameNode();
  if (Node.isIdentifier(nameNode)) return nameNode.getText();
  if (Node.isStringLiteral(nameNode)) return nameNode.getLiteralValue();
  if (Node.isNumericLiteral(nameNode)) return nameNode.getText();
  return undefined;
}
