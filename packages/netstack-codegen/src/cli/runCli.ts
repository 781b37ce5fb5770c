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
  const console_ = { cwd, stdout, stderr };
  if (!args.watch) return runOnce(args, console_).code;

  const first = runOnce(args, console_);
  if (first.code === EXIT.usage) return first.code;
  const always = args.tsconfig === undefined ? [] : [path.resolve(cwd, args.tsconfig)];
  let files = [...always, ...(first.files ?? args.files.map((f) => path.resolve(cwd, f)))];
  stdout(`watching ${files.length} file${files.length === 1 ? '' : 's'} for changes`);
  await watchFiles({
    files: () => files,
    onChange: () => {
      // Keep watching what was read last time when this run fails (a syntax error mid-edit).
      const read = runOnce(args, console_).files;
      if (read !== undefined) files = [...always, ...read];
    },
    ...(io.signal === undefined ? {} : { signal: io.signal }),
  });
  return EXIT.ok;
}

/** One generation: the exit code, and the files read (when parsing got that far). */
interface RunResult {
  code: number;
  files?: string[];
}

function runOnce(
  args: CliArgs,
  io: { cwd: string; stdout: (line: string) => void; stderr: (line: string) => void },
): RunResult {
  let result: GenerateResult;
  try {
    result = generate({
      files: args.files,
      cwd: io.cwd,
      ...(args.tsconfig === undefined ? {} : { tsconfig: args.tsconfig }),
      ...(args.out === undefined ? {} : { out: args.out }),
    });
  } catch (error) {
    const code = report(error, io);
    return error instanceof CodegenError && error.files !== undefined
      ? { code, files: [...error.files] }
      : { code };
  }
  const files = result.files;
  const shown = path.relative(io.cwd, result.outFile).split(path.sep).join('/');
  const current = readIfExists(result.outFile);
  if (args.check) {
    if (current === result.text) {
      io.stdout(`${shown} is up to date`);
      return { code: EXIT.ok, files };
    }
    io.stderr(
      `${shown} is ${current === undefined ? 'missing' : 'out of date'}: run netstack-codegen to regenerate it`,
    );
    return { code: EXIT.failed, files };
  }
  if (current === result.text) {
    io.stdout(`${shown} is up to date`);
    return { code: EXIT.ok, files };
  }
  fs.mkdirSync(path.dirname(result.outFile), { recursive: true });
  fs.writeFileSync(result.outFile, result.text);
  io.stdout(`wrote ${shown}`);
  return { code: EXIT.ok, files };
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
