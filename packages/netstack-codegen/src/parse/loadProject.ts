import path from 'node:path';
import { ModuleKind, ModuleResolutionKind, Project, ScriptTarget, type SourceFile } from 'ts-morph';

/** Where the schema comes from: a list of files, or every file of a tsconfig project. */
export interface LoadOptions {
  /** Input files (absolute or relative to `cwd`); files they import are followed. */
  files?: readonly string[];
  /** A tsconfig.json whose files are the inputs; its compiler options are used. */
  tsconfig?: string;
  /** Directory relative paths start from. @default process.cwd() */
  cwd?: string;
}

/** A loaded program and its input files, sorted by path (so the order given does not matter). */
export interface LoadedProject {
  /** The ts-morph project. */
  project: Project;
  /** The input files: those named, or the tsconfig's own (not `.d.ts`, not `.gen.ts`, not in node_modules). */
  inputs: SourceFile[];
}

/**
 * Loads the input files with ts-morph. Without a tsconfig, files are parsed with strict,
 * ES2022, bundler-style module resolution (so `./x.js` and `./x` both resolve).
 *
 * @example
 * ```ts
 * const { project, inputs } = loadProject({ files: ['src/messages.ts'] });
 * ```
 */
export function loadProject(options: LoadOptions): LoadedProject {
  const cwd = options.cwd ?? process.cwd();
  if (options.tsconfig !== undefined) {
    const project = new Project({ tsConfigFilePath: path.resolve(cwd, options.tsconfig) });
    const inputs = project
      .getSourceFiles()
      .filter((sf) => isInputFile(sf.getFilePath()))
      .sort((a, b) => compare(a.getFilePath(), b.getFilePath()));
    return { project, inputs };
  }
  const project = new Project({
    compilerOptions: {
      strict: true,
      target: ScriptTarget.ES2022,
      module: ModuleKind.ESNext,
      moduleResolution: ModuleResolutionKind.Bundler,
      skipLibCheck: true,
      // No default lib: the generator needs no global types (it knows `Uint8Array`, `Date`, … by
      // name), and not loading lib.*.d.ts makes each run several times faster.
      noLib: true,
    },
    skipAddingFilesFromTsConfig: true,
  });
  const files = [...new Set((options.files ?? []).map((file) => path.resolve(cwd, file)))].sort(
    compare,
  );
  const inputs = files.map((file) => project.addSourceFileAtPath(file));
  project.resolveSourceFileDependencies();
  return { project, inputs };
}

function isInputFile(file: string): boolean {
  return !file.endsWith('.d.ts') && !file.endsWith('.gen.ts') && !file.includes('/node_modules/');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
