import path from 'node:path';
import { CodegenError } from './codegenError.js';
import { emitSchema } from './emit/emitSchema.js';
import type { LoadOptions } from './parse/loadProject.js';
import { parseSchema } from './parse/parseSchema.js';

/** What to generate from and where to. */
export interface GenerateOptions extends LoadOptions {
  /**
   * The file to write. @default `<input>.gen.ts` beside a single input file; required with
   * several inputs or a tsconfig
   */
  out?: string;
}

/** One generated file, not yet written. */
export interface GenerateResult {
  /** Absolute path of the file to write. */
  outFile: string;
  /** Its text. */
  text: string;
  /** Absolute paths of every source the schema was read from (what `--watch` watches). */
  files: string[];
}

/**
 * Parses the inputs and emits the codec module; throws `CodegenError` (`INVALID_SCHEMA` with
 * every diagnostic, or `USAGE`). Writes nothing.
 *
 * @example
 * ```ts
 * const { outFile, text } = generate({ files: ['src/messages.ts'] });
 * fs.writeFileSync(outFile, text);
 * ```
 */
export function generate(options: GenerateOptions): GenerateResult {
  const cwd = options.cwd ?? process.cwd();
  const files = options.files ?? [];
  if (options.tsconfig === undefined && files.length === 0) {
    throw new CodegenError('USAGE', 'no input files: name them, or pass --project <tsconfig.json>');
  }
  let out = options.out;
  if (out === undefined) {
    if (options.tsconfig !== undefined || files.length !== 1) {
      throw new CodegenError('USAGE', '--out is required with several inputs or --project');
    }
    out = `${files[0]!.replace(/\.(m|c)?tsx?$/, '')}.gen.ts`;
  }
  const outFile = path.resolve(cwd, out);
  const parsed = parseSchema({ ...options, cwd });
  if (parsed.diagnostics.length > 0) {
    const count = parsed.diagnostics.length;
    throw new CodegenError(
      'INVALID_SCHEMA',
      `${count} problem${count === 1 ? '' : 's'} in the schema`,
      { diagnostics: parsed.diagnostics, files: parsed.files },
    );
  }
  if (parsed.schema.messages.length === 0) {
    throw new CodegenError(
      'USAGE',
      'no messages found: mark an interface with /** @netstack */ or a class with @netstack',
    );
  }
  const text = emitSchema(parsed.schema, { outFile, inputs: parsed.inputs });
  return { outFile, text, files: parsed.files };
}
