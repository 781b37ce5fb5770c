import type { Diagnostic } from './parse/diagnostic.js';

/**
 * Why generation failed:
 *
 * | code             | meaning                                                        | CLI exit |
 * | ---------------- | -------------------------------------------------------------- | -------- |
 * | `INVALID_SCHEMA` | the sources use something unsupported; see `diagnostics`       | 1        |
 * | `USAGE`          | the options are wrong (no inputs, no `--out` where one is needed) | 2     |
 */
export type CodegenErrorCode = 'INVALID_SCHEMA' | 'USAGE';

/**
 * The error `generate` throws; `diagnostics` lists every problem found in the sources.
 *
 * @example
 * ```ts
 * try {
 *   generate({ files: ['src/messages.ts'] });
 * } catch (error) {
 *   if (error instanceof CodegenError) for (const d of error.diagnostics) console.error(formatDiagnostic(d, cwd));
 * }
 * ```
 */
export class CodegenError extends Error {
  override readonly name = 'CodegenError';
  /** Why generation failed. */
  readonly code: CodegenErrorCode;
  /** For `INVALID_SCHEMA`: every problem, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];

  /** For `INVALID_SCHEMA`: every source file that was read (what `--watch` keeps watching). */
  readonly files?: readonly string[];

  constructor(
    code: CodegenErrorCode,
    message: string,
    details: { diagnostics?: readonly Diagnostic[]; files?: readonly string[] } = {},
  ) {
    super(message);
    this.code = code;
    this.diagnostics = details.diagnostics ?? [];
    if (details.files !== undefined) this.files = details.files;
  }
}
