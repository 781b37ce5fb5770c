/**
 * `s` as a single-quoted TypeScript string literal.
 *
 * @example
 * ```ts
 * stringLiteral("it's"); // "'it\\'s'"
 * ```
 */
export function stringLiteral(s: string): string {
  return `'${JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/**
 * `n` as a TypeScript numeric literal that reads back as exactly `n` (negative zero too).
 *
 * @example
 * ```ts
 * numberLiteral(0.1); // '0.1'
 * ```
 */
export function numberLiteral(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}
