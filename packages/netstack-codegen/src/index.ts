/**
 * `@netstack/codegen`: generates binary codecs from annotated TypeScript. Most projects use
 * the `netstack-codegen` CLI; this API is for build tools.
 *
 * @example
 * ```ts
 * import { generate } from '@netstack/codegen';
 *
 * const { outFile, text } = generate({ files: ['src/messages.ts'] });
 * ```
 * @module
 */
export { type CliIo, EXIT, runCli } from './cli/runCli.js';
export { CodegenError, type CodegenErrorCode } from './codegenError.js';
export { type EmitOptions, emitSchema, RUNTIME_MODULE } from './emit/emitSchema.js';
export { type GenerateOptions, type GenerateResult, generate } from './generate.js';
export type * from './model/schema.js';
export { DEFAULT_MAX_LENGTH } from './model/schema.js';
export { type Diagnostic, formatDiagnostic } from './parse/diagnostic.js';
export type { LoadOptions } from './parse/loadProject.js';
export { type ParseResult, parseSchema } from './parse/parseSchema.js';
