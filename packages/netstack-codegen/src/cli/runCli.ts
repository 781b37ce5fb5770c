import fs from 'node:fs';
import path from 'node:path';
import { CodegenError } from '../codegenError.js';
import { type GenerateResult, generate } from '../generate.js';
import { formatDiagnostic } from '../parse/diagnostic.js';
import { type CliArgs, parseCliArgs, USAGE } from './cliArgs.js';
import { watchFiles } from './watchFiles.js';

/** Where the CLI runs and writes. */
export interface CliIo {
  /** Directory relative paths start from. @default process.cwd() */
  cwd?: string;
  /** Receives normal output, one line per call. @default console.log */
  stdout?: (line: string) => void;
  /** Receives errors, one line per call. @default console.error */
  stderr?: (line: string) => void;
  /** Stops `--watch` when aborted. @default never */
  signal?: AbortSignal;
}

/** Exit codes: 0 success, 1 schema errors or stale output under `--check`, 2 wrong usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * Runs `netstack-codegen` with `argv` (without the node and script paths) and resolves to
 * the exit code. With `--watch` it resolves only when `io.signal` aborts.
 *
 * @example
 * ```ts
 * const code = await runCli(['src/messages.ts', '--check'], { cwd: '/app' });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const stdout = io.stdout ?? ((line: string) => console.log(line));
  const stderr = io.stderr ?? ((line: string) => console.error(line));
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    return report(error, { cwd, stderr });
  }
  if (args.help) {
    stdout(USAGE);
    return EXIT.ok;
  }
  if (!args.watch) return runOnce(args, { cwd, stdout, stderr });

  let code = runOnce(args, { cwd, stdout, stderr });
  if (code === EXIT.usage) return code;
  let files = lastFiles;
  if (files.length === 0) files = args.files.map((f) => path.resolve(cwd, f));
  stdout(`watching ${files.length} file${files.length === 1 ? '' : 's'} for changes`);
  await watchFiles({
    files: () => files,
    onChange: () => {
      code = runOnce(args, { cwd, stdout, stderr });
      if (lastFiles.length > 0) files = lastFiles;
    },
    ...(io.signal === undefined ? {} : { signal: io.signal }),
  });
  return EXIT.ok;
}

/** The sources read by the latest successful generation (what `--watch` watches). */
let lastFiles: string[] = [];

function runOnce(
  args: CliArgs,
  io: { cwd: string; stdout: (line: string) => void; stderr: (line: string) => void },
): number {
  let result: GenerateResult;
  try {
    result = generate({
      files: args.files,
      cwd: io.cwd,
      ...(args.tsconfig === undefined ? {} : { tsconfig: args.tsconfig }),
      ...(args.out === undefined ? {} : { out: args.out }),
    });
  } catch (error) {
    return report(error, io);
  }
  lastFiles = result.files;
  const shown = path.relative(io.cwd, result.outFile).split(path.sep).join('/');
  const current = readIfExists(result.outFile);
  if (args.check) {
    if (current === result.text) {
      io.stdout(`${shown} is up to date`);
      return EXIT.ok;
    }
    io.stderr(
      `${shown} is ${current === undefined ? 'missing' : 'out of date'}: run netstack-codegen to regenerate it`,
    );
    return EXIT.failed;
  }
  if (current === result.text) {
    io.stdout(`${shown} is up to date`);
    return EXIT.ok;
  }
  fs.mkdirSync(path.dirname(result.outFile), { recursive: true });
  fs.writeFileSync(result.outFile, result.text);
  io.stdout(`wrote ${shown}`);
  return EXIT.ok;
}

function report(error: unknown, io: { cwd: string; stderr: (line: string) => void }): number {
  if (!(error instanceof CodegenError)) throw error;
  io.stderr(`netstack-codegen: ${error.message}`);
  for (const d of error.diagnostics) io.stderr(formatDiagnostic(d, io.cwd));
  if (error.code === 'USAGE') {
    io.stderr('run netstack-codegen --help for usage');
    return EXIT.usage;
  }
  return EXIT.failed;
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
