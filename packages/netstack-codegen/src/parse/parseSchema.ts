import type { Schema } from '../model/schema.js';
import type { Diagnostic } from './diagnostic.js';
import { type LoadOptions, loadProject } from './loadProject.js';
import { SchemaBuilder } from './schemaBuilder.js';

/** The schema found in the inputs, the problems found, and the files read. */
export interface ParseResult {
  /** The schema (meaningful only when `diagnostics` is empty). */
  schema: Schema;
  /** Every problem found, sorted by file, line and column. */
  diagnostics: Diagnostic[];
  /** Absolute paths of the input files. */
  inputs: string[];
  /** Absolute paths of every file the schema was read from (inputs and what they import). */
  files: string[];
}

/**
 * Reads the marked interfaces and classes of the inputs (and everything they reference)
 * into a schema.
 *
 * @example
 * ```ts
 * const { schema, diagnostics } = parseSchema({ files: ['src/messages.ts'] });
 * if (diagnostics.length > 0) for (const d of diagnostics) console.error(formatDiagnostic(d, process.cwd()));
 * ```
 */
export function parseSchema(options: LoadOptions): ParseResult {
  const { project, inputs } = loadProject(options);
  const builder = new SchemaBuilder();
  for (const file of inputs) builder.addFile(file);
  const { schema, diagnostics } = builder.result();
  const files = project
    .getSourceFiles()
    .map((sf) => sf.getFilePath())
    .filter((file) => !file.includes('/node_modules/'))
    .sort();
  return { schema, diagnostics, inputs: inputs.map((sf) => sf.getFilePath()), files };
}
