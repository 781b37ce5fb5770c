import path from 'node:path';
import type { Node } from 'ts-morph';

/** A problem with the schema, found in the source: where, which field, what, and what to do. */
export interface Diagnostic {
  /** Absolute path of the file. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** The field path, such as `Player.inventory[]`, or the declaration name. */
  path: string;
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  hint: string;
}

/**
 * A diagnostic located at `node`.
 *
 * @example
 * ```ts
 * diagnosticAt(typeNode, { path: 'Player.onHit', message: 'functions are not supported', hint: 'remove the field' });
 * ```
 */
export function diagnosticAt(
  node: Node,
  detail: Pick<Diagnostic, 'path' | 'message' | 'hint'>,
): Diagnostic {
  const sourceFile = node.getSourceFile();
  const { line, column } = sourceFile.getLineAndColumnAtPos(node.getStart());
  return { file: sourceFile.getFilePath(), line, column, ...detail };
}

/**
 * `file:line:col - error at path: message` and an indented hint, with the file relative to `cwd`.
 *
 * @example
 * ```ts
 * formatDiagnostic(d, process.cwd());
 * // src/player.ts:7:11 - error at Player.onHit: functions are not supported
 * //   hint: remove the field, or keep it on a class that is not sent
 * ```
 */
export function formatDiagnostic(d: Diagnostic, cwd: string): string {
  const file = path.relative(cwd, d.file).split(path.sep).join('/');
  return `${file}:${d.line}:${d.column} - error at ${d.path}: ${d.message}\n  hint: ${d.hint}`;
}
