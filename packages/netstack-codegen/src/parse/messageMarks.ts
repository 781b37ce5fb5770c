import { type ClassDeclaration, type InterfaceDeclaration, Node } from 'ts-morph';
import { findTag, tagText } from './jsDocTags.js';

/** A declaration that can be a message. */
export type MessageDeclaration = InterfaceDeclaration | ClassDeclaration;

const MAX_ID = 2 ** 32 - 1;

/**
 * True when an interface carries the `@netstack` tag, or a class the decorator or the tag.
 *
 * @example
 * ```ts
 * isMarked(decl);
 * ```
 */
export function isMarked(decl: MessageDeclaration): boolean {
  if (findTag(decl, 'netstack') !== undefined) return true;
  return (
    Node.isClassDeclaration(decl) && decl.getDecorators().some((d) => d.getName() === 'netstack')
  );
}

/**
 * The registry id of a message: its `@messageId N` tag or `@netstack({ id: N })` decorator
 * argument; reports a malformed one through `fail`.
 *
 * @example
 * ```ts
 * messageId(decl, (node, text) => report(node, text)); // 3 for `@messageId 3`
 * ```
 */
export function messageId(
  decl: MessageDeclaration,
  fail: (node: Node, message: string) => void,
): number | undefined {
  let node: Node | undefined;
  let text: string | undefined;
  const tag = findTag(decl, 'messageId');
  if (tag !== undefined) {
    node = tag;
    text = tagText(tag);
  }
  if (Node.isClassDeclaration(decl)) {
    for (const decorator of decl.getDecorators()) {
      if (decorator.getName() !== 'netstack') continue;
      const [arg] = decorator.getArguments();
      if (arg === undefined) continue;
      const idProperty = Node.isObjectLiteralExpression(arg) ? arg.getProperty('id') : undefined;
      const initializer = Node.isPropertyAssignment(idProperty)
        ? idProperty.getInitializer()
        : undefined;
      if (initializer === undefined) {
        fail(arg, 'the @netstack decorator takes `{ id: <integer literal> }`');
        return undefined;
      }
      node = initializer;
      text = initializer.getText();
    }
  }
  if (node === undefined || text === undefined) return undefined;
  const id = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(id) || id > MAX_ID) {
    fail(node, `message id \`${text}\` is not an integer 0 … 4294967295`);
    return undefined;
  }
  return id;
}
