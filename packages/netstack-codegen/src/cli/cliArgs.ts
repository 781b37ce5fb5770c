import { parseArgs } from 'node:util';
import { CodegenError } from '../codegenError.js';

/** The command line, parsed. */
export interface CliArgs {
  /** Input files. */
  files: string[];
  /** `--project <tsconfig.json>`. */
  tsconfig?: string;
  /** `--out <file>`. */
  out?: string;
  /** `--watch`: regenerate whenever a source changes. */
  watch: boolean;
  /** `--check`: write nothing; exit 1 when the file is missing or stale. */
  check: boolean;
  /** `--help`. */
  help: boolean;
}

/** Usage text printed by `--help`. */
export const USAGE = `Usage: netstack-codegen [options] <file.ts ...>
       netstack-codegen --project tsconfig.json --out src/messages.gen.ts

Generates binary encoders and decoders for the interfaces marked /** @netstack */ and the
classes decorated @netstack in the input files (and the messages they use from other files).

Options:
  -o, --out <file>       file to write (default: <input>.gen.ts beside a single input)
  -p, --project <file>   read every file of this tsconfig.json instead of listing files
  -w, --watch            regenerate whenever a source file changes (Ctrl-C to stop)
      --check            write nothing; exit 1 if the output is missing or out of date (for CI)
  -h, --help             print this help

Exit codes: 0 success (or up to date), 1 schema errors or --check found the output stale,
2 wrong usage.`;

/**
 * Parses `argv` (without the node and script paths); throws `CodegenError` `USAGE` for
 * unknown options, missing values or contradictions.
 *
 * @example
 * ```ts
 * parseCliArgs(['src/messages.ts', '--check']); // { files: ['src/messages.ts'], check: true, ... }
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new CodegenError('USAGE', (error as Error).message);
  }
  const { values, positionals } = parsed;
  const args: CliArgs = {
    files: positionals,
    watch: values.watch === true,
    check: values.check === true,
    help: values.help === true,
  };
  if (values.project !== undefined) args.tsconfig = values.project;
  if (values.out !== undefined) args.out = values.out;
  if (args.help) return args;
  if (args.watch && args.check)
    throw new CodegenError('USAGE', '--watch and --check cannot be used together');
  if (args.tsconfig !== undefined && args.files.length > 0) {
    throw new CodegenError('USAGE', 'give input files or --project, not both');
  }
  return args;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string', short: 'o' },
      project: { type: 'string', short: 'p' },
      watch: { type: 'boolean', short: 'w' },
      check: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
