import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../src/cli/runCli.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'netstack-cli-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const bin = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../bin/netstack-codegen.js',
);

const MESSAGE = `import type { u16 } from '@netstack/core/serialization';

/** @netstack */
export interface Hello {
  id: u16;
}
`;

let counter = 0;
/** A fresh project folder with `files`. */
function project(files: Record<string, string>): string {
  const dir = path.join(root, String(counter++));
  fs.mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

async function run(argv: string[], cwd: string, signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    cwd,
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    ...(signal === undefined ? {} : { signal }),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('netstack-codegen CLI', () => {
  it('--help prints usage and exits 0', async () => {
    const { code, out } = await run(['--help'], root);
    expect(code).toBe(EXIT.ok);
    expect(out).toMatch(/^Usage: netstack-codegen/);
    expect(out).toMatch(/--check/);
  });

  it('wrong usage exits 2 with a message', async () => {
    expect(await run([], root)).toMatchObject({
      code: EXIT.usage,
      err: expect.stringMatching(/no input files/),
    });
    expect(await run(['--frobnicate'], root)).toMatchObject({
      code: EXIT.usage,
      err: expect.stringMatching(/Unknown option/),
    });
    expect(await run(['a.ts', '--watch', '--check'], root)).toMatchObject({ code: EXIT.usage });
    expect(await run(['a.ts', 'b.ts'], root)).toMatchObject({
      code: EXIT.usage,
      err: expect.stringMatching(/--out is required/),
    });
  });

  it('writes <input>.gen.ts, then reports it up to date', async () => {
    const dir = project({ 'hello.ts': MESSAGE });
    expect(await run(['hello.ts'], dir)).toMatchObject({
      code: EXIT.ok,
      out: 'wrote hello.gen.ts',
    });
    expect(fs.readFileSync(path.join(dir, 'hello.gen.ts'), 'utf8')).toMatch(
      /export function encodeHello\(/,
    );
    expect(await run(['hello.ts'], dir)).toMatchObject({
      code: EXIT.ok,
      out: 'hello.gen.ts is up to date',
    });
  });

  it('--out and --project', async () => {
    const dir = project({
      'hello.ts': MESSAGE,
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['*.ts'] }),
    });
    expect(await run(['--project', 'tsconfig.json', '--out', 'gen/all.gen.ts'], dir)).toMatchObject(
      {
        code: EXIT.ok,
        out: 'wrote gen/all.gen.ts',
      },
    );
    expect(fs.readFileSync(path.join(dir, 'gen/all.gen.ts'), 'utf8')).toContain(
      "from '../hello.js'",
    );
  });

  it('--check exits 1 when the output is missing or stale, 0 when fresh, and writes nothing', async () => {
    const dir = project({ 'hello.ts': MESSAGE });
    expect(await run(['hello.ts', '--check'], dir)).toMatchObject({
      code: EXIT.failed,
      err: expect.stringMatching(/hello\.gen\.ts is missing/),
    });
    expect(fs.existsSync(path.join(dir, 'hello.gen.ts'))).toBe(false);
    await run(['hello.ts'], dir);
    expect(await run(['hello.ts', '--check'], dir)).toMatchObject({ code: EXIT.ok });
    fs.writeFileSync(
      path.join(dir, 'hello.ts'),
      MESSAGE.replace('id: u16;', 'id: u16;\n  name: string;'),
    );
    expect(await run(['hello.ts', '--check'], dir)).toMatchObject({
      code: EXIT.failed,
      err: expect.stringMatching(/out of date/),
    });
  });

  it('schema errors exit 1 and print file:line:col, the path and a hint', async () => {
    const dir = project({
      'bad.ts': '/** @netstack */\nexport interface Bad {\n  when: Date;\n  cb: () => void;\n}\n',
    });
    const { code, err } = await run(['bad.ts'], dir);
    expect(code).toBe(EXIT.failed);
    expect(err).toContain('netstack-codegen: 2 problems in the schema');
    expect(err).toContain('bad.ts:3:9 - error at Bad.when: `Date` is not supported');
    expect(err).toContain('bad.ts:4:7 - error at Bad.cb: functions cannot be sent');
    expect(err).toMatch(/hint: /);
    expect(fs.existsSync(path.join(dir, 'bad.gen.ts'))).toBe(false);
  });

  it('--watch regenerates when a source changes, survives errors, and stops on abort', async () => {
    const dir = project({ 'hello.ts': MESSAGE });
    const controller = new AbortController();
    const lines: string[] = [];
    const done = runCli(['hello.ts', '--watch'], {
      cwd: dir,
      stdout: (line) => lines.push(line),
      stderr: (line) => lines.push(line),
      signal: controller.signal,
    });
    const output = path.join(dir, 'hello.gen.ts');
    const waitFor = async (predicate: () => boolean) => {
      for (let i = 0; i < 200 && !predicate(); i++) await new Promise((r) => setTimeout(r, 25));
      expect(predicate()).toBe(true);
    };
    await waitFor(() => lines.some((l) => l.startsWith('watching')));
    expect(fs.readFileSync(output, 'utf8')).not.toContain('name');
    fs.writeFileSync(
      path.join(dir, 'hello.ts'),
      MESSAGE.replace('id: u16;', 'id: u16;\n  name: string;'),
    );
    await waitFor(() => fs.readFileSync(output, 'utf8').includes('name'));
    fs.writeFileSync(path.join(dir, 'hello.ts'), MESSAGE.replace('id: u16;', 'id: any;'));
    await waitFor(() => lines.some((l) => l.includes('`any` cannot be encoded')));
    fs.writeFileSync(path.join(dir, 'hello.ts'), MESSAGE);
    await waitFor(() => !fs.readFileSync(output, 'utf8').includes('name'));
    controller.abort();
    expect(await done).toBe(EXIT.ok);
  });

  it('the bin runs the built CLI', async () => {
    const dir = project({ 'hello.ts': MESSAGE });
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'hello.ts'], { cwd: dir });
    expect(stdout.trim()).toBe('wrote hello.gen.ts');
    const failed = await promisify(execFile)(
      process.execPath,
      [bin, 'hello.ts', '--check', '--nope'],
      { cwd: dir },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Unknown option '--nope'/),
    });
  });
});
