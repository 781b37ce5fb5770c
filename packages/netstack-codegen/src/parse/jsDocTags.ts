import { type JSDocTag, Node } from 'ts-morph';

/**
 * The JSDoc tags on `node` (an interface, class or property), in source order.
 *
 * @example
 * ```ts
 * jsDocTags(property).find((tag) => tag.getTagName() === 'maxLength');
 * ```
 */
export function jsDocTags(node: Node): JSDocTag[] {
  if (!Node.isJSDocable(node)) return [];
  return node.getJsDocs().flatMap((doc) => doc.getTags());
}

/**
 * The tag named `name` on `node`, if any.
 *
 * @example
 * ```ts
 * findTag(iface, 'netstack') !== undefined;
 * ```
 */
export function findTag(node: Node, name: string): JSDocTag | undefined {
  return jsDocTags(node).find((tag) => tag.getTagName() === name);
}

/**
 * The text after a tag, trimmed (`@maxLength 32` → `'32'`).
 *
 * @example
 * ```ts
 * tagText(tag); // '32'
 * ```
 */
export function tagText(tag: JSDocTag): string {
  return (tag.getCommentText() ?? '').trim();
}
