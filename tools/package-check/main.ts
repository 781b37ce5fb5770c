/**
 * Publish check: packs @netstack/core and @netstack/codegen as `pnpm publish` would,
 * checks what the tarballs hold (publint, are-the-types-wrong), installs them into an
 * empty project outside the workspace, and uses them there as a user would: imports
 * every entry point, runs a client and a server, generates a codec with the installed
 * `netstack-codegen` and type-checks the project against the installed types.
 *
 *   pnpm check:packages
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const packages = [
  { name: '@netstack/core', dir: join(root, 'packages/netstack') },
  { name: '@netstack/codegen', dir: join(root, 'packages/netstack-codegen') },
];
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const work = mkdtempSync(join(tmpdir(), 'netstack-package-check-'));

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`,
    );
  }
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`package check: ${message}`);
  console.log(`  ok  ${message}`);
}

try {
  const tarballs: string[] = [];
  for (const { name, dir } of packages) {
    console.log(name);
    const before = new Set(readdirSync(work));
    run('pnpm', ['pack', '--pack-destination', work], dir);
    const tarball = join(work, readdirSync(work).find((file) => !before.has(file))!);
    tarballs.push(tarball);
    const files = run('tar', ['-tzf', tarball], work).split('\n').filter(Boolean);
    check(
      files.includes('package/dist/index.js') && files.includes('package/dist/index.d.ts'),
      'ships dist/index.js and its types',
    );
    check(
      files.includes('package/LICENSE') && files.includes('package/README.md'),
      'ships LICENSE and README.md',
    );
    check(
      !files.some(
        (file) => file.includes('/src/') || /\.test\.|test-support|tsbuildinfo/.test(file),
      ),
      'ships no sources, tests or build info',
    );
    run(bin('publint'), ['run', tarball, '--strict'], work);
    check(true, 'publint --strict finds nothing');
    run(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii'], work);
    check(true, 'are-the-types-wrong: types resolve under node16 (ESM) and bundlers');
  }

  console.log('an empty project using them');
  const project = join(work, 'project');
  mkdirSync(join(project, 'src'), { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  run('pnpm', ['add', '--prefer-offline', '--ignore-workspace', ...tarballs], project);
  writeFileSync(
    join(project, 'src/messages.ts'),
    `import type { u16 } from '@netstack/core';\n\n/** @netstack @messageId 1 */\nexport interface Hello {\n  id: u16;\n  /** @maxLength 32 */\n  name: string;\n}\n`,
  );
  run(join(project, 'node_modules/.bin/netstack-codegen'), ['src/messages.ts'], project);
  check(
    readdirSync(join(project, 'src')).includes('messages.gen.ts'),
    'the installed netstack-codegen generates a codec',
  );
  writeFileSync(
    join(project, 'src/main.ts'),
    `import { Client, Server, NetstackError } from '@netstack/core';
import { Reader, Writer } from '@netstack/core/serialization';
import { MemoryNetwork } from '@netstack/core/testing';
import { generate } from '@netstack/codegen';
import { decodeHello, encodeHello, maxSizeOfHello } from './messages.gen.js';

if (typeof generate !== 'function' || typeof NetstackError !== 'function') throw new Error('missing exports');
const network = new MemoryNetwork({ seed: 1 });
const server = new Server({ transport: network.bind({ address: 'server', port: 1 }) });
const client = new Client({ transport: network.bind({ address: 'client', port: 2 }) });
const secret = crypto.getRandomValues(new Uint8Array(32));
const token = crypto.getRandomValues(new Uint8Array(32));
if (!server.reserve(secret, token).ok) throw new Error('reserve failed');
client.connect({ address: 'server', port: 1 }, secret, token);
const writer = new Writer(new Uint8Array(maxSizeOfHello));
let heard = '';
for (let now = 0; now < 1000 && heard === ''; now += 10) {
  for (const event of server.update(now)) {
    if (event.type === 'message') heard = decodeHello(new Reader(event.data, event.offset, event.offset + event.length)).name;
  }
  for (const event of client.update(now)) {
    if (event.type === 'connected') {
      encodeHello(writer, { id: 1, name: 'from an installed package' });
      client.send(writer.bytes, writer.offset);
    }
  }
}
if (heard !== 'from an installed package') throw new Error('the message did not arrive');
console.log('installed packages work:', heard);
`,
  );
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        outDir: 'dist',
        types: [],
        lib: ['ES2023', 'DOM'],
        skipLibCheck: false,
      },
      include: ['src'],
    }),
  );
  run(bin('tsc'), ['-p', 'tsconfig.json'], project);
  check(
    true,
    'the project type-checks against the installed types (skipLibCheck off) and compiles',
  );
  const output = run(process.execPath, ['dist/main.js'], project);
  check(
    output.includes('installed packages work'),
    'a client and a server from the installed package exchange a generated message',
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
