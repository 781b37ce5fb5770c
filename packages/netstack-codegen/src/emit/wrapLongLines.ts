/**
 * Breaks the lines of generated code that are wider than `width` the way the workspace
 * formatter (biome, prettier-compatible) does, so generated files look hand-formatted:
 *
 * - `call({ a, b })`, `throw new E({ a, b });` and `return { a, b };` put one property per line;
 * - `x = a | b | c;` puts one operand per line, the operator at the end.
 *
 * The emitter only produces those shapes of long line; any other line is left as it is.
 *
 * @example
 * ```ts
 * wrapLongLines("  throw r.fail({ code: 'TRUNCATED', offset: p, path: '', detail: 'a long text…' });\n", 60);
 * ```
 */
export function wrapLongLines(text: string, width = 100): string {
  return text
    .split('\n')
    .map((line) => (line.length <= width ? line : wrapLine(line)))
    .join('\n');
}

function wrapLine(line: string): string {
  const indent = /^\s*/.exec(line)![0];
  const body = line.slice(indent.length);
  const object = objectArgument(body);
  if (object !== undefined) {
    const entries = splitTopLevel(object.inner, ', ');
    return [
      `${indent}${object.before}{`,
      ...entries.map((entry) => `${indent}  ${entry},`),
      `${indent}}${object.after}`,
    ].join('\n');
  }
  const assign = splitTopLevel(body, ' = ');
  if (assign.length === 2 && assign[1]!.endsWith(';')) {
    const terms = splitTopLevel(assign[1]!.slice(0, -1), ' | ');
    if (terms.length > 1) {
      return [
        `${indent}${assign[0]} =`,
        ...terms.map((term, i) => `${indent}  ${term}${i === terms.length - 1 ? ';' : ' |'}`),
      ].join('\n');
    }
  }
  return line;
}

/** `before{ inner }after` where the braces are one object literal that ends the statement. */
function objectArgument(
  body: string,
): { before: string; inner: string; after: string } | undefined {
  const open = body.indexOf('{ ');
  if (open < 0) return undefined;
  const before = body.slice(0, open);
  if (!/(\(|return |= )$/.test(before)) return undefined;
  const close = matching(body, open);
  if (close === undefined || body[close - 1] !== ' ') return undefined;
  const after = body.slice(close + 1);
  if (!/^\)*;?$/.test(after)) return undefined;
  return { before, inner: body.slice(open + 2, close - 1), after };
}

/** Index of the bracket that closes the one at `open`, skipping strings and template literals. */
function matching(text: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      i = skipString(text, i);
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
    } else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return undefined;
}

/** The index of the quote that ends the string starting at `start`. */
function skipString(text: string, start: number): number {
  const quote = text[start]!;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') i++;
    else if (quote === '`' && c === '$' && text[i + 1] === '{')
      i = (matching(text, i + 1) ?? text.length) - 0;
    else if (c === quote) return i;
  }
  return text.length;
}

/** Splits `text` at each `separator` that is outside brackets and strings. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      i = skipString(text, i);
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
    } else if (c === ')' || c === ']' || c === '}') {
      depth--;
    } else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
