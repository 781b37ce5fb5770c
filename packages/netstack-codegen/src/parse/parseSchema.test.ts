import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { parseSchema } from './parseSchema.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netstack-parse-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let counter = 0;
/** Writes `files` (name → source) into a fresh folder and parses the first one. */
function parse(files: Record<string, string>) {
  const folder = path.join(dir, String(counter++));
  fs.mkdirSync(folder);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), text);
  const result = parseSchema({ files: [Object.keys(files)[0]!], cwd: folder });
  return { ...result, formatted: result.diagnostics.map((d) => formatDiagnostic(d, folder)) };
}

const header =
  "import type { u8, u16, f32, quantized, varint } from '@netstack/core/serialization';\n";

/** One field of type `type` in a marked interface; returns the formatted diagnostics. */
function field(type: string, prelude = ''): string[] {
  return parse({
    'm.ts': `${header}${prelude}/** @netstack */\nexport interface M {\n  f: ${type};\n}\n`,
  }).formatted;
}

describe('parseSchema: supported declarations', () => {
  it('reads widths through aliases, imports under other names and local type aliases', () => {
    const { schema, diagnostics } = parse({
      'm.ts': `import type { u16 as Id } from '@netstack/core';\nimport type { Pos } from './pos.js';\ntype Health = u8;\nimport type { u8 } from '@netstack/core/serialization';\n/** @netstack */\nexport interface M {\n  id: Id;\n  hp: Health;\n  pos: Pos;\n  n: number;\n}\n`,
      'pos.ts':
        "import type { f32 } from '@netstack/core';\n/** @netstack */\nexport interface Pos { x: f32 }\n",
    });
    expect(diagnostics).toEqual([]);
    expect(schema.messages.map((m) => m.name)).toEqual(['Pos', 'M']);
    expect(schema.messages[1]!.fields.map((f) => f.type)).toEqual([
      { kind: 'number', width: 'u16' },
      { kind: 'number', width: 'u8' },
      { kind: 'message', name: 'Pos' },
      { kind: 'number', width: 'f64' },
    ]);
    expect(schema.messages[0]!.source.file).toBe(path.join(dir, String(counter - 1), 'pos.ts'));
  });

  it('reads caps, quantized ranges, optionality, message ids and decorated classes', () => {
    const { schema, diagnostics } = parse({
      'm.ts': `${header}import { netstack } from '@netstack/core/serialization';\n/**\n * @netstack\n * @messageId 9\n */\nexport interface M {\n  /** @maxLength 12 */\n  name: string;\n  /** @maxItems 3 */\n  list?: u8[];\n  q: quantized<-1, 1, 10>;\n  n: string | null;\n}\n@netstack({ id: 10 })\nexport class C {\n  a = 0;\n  b: varint = 0;\n  private static count = 0;\n  m(): void {}\n}\n`,
    });
    expect(diagnostics).toEqual([]);
    const [m, c] = schema.messages;
    expect(m!.id).toBe(9);
    expect(m!.fields).toEqual([
      { name: 'name', type: { kind: 'string', maxBytes: 12 } },
      {
        name: 'list',
        type: { kind: 'array', element: { kind: 'number', width: 'u8' }, maxItems: 3 },
        optional: 'omit',
      },
      { name: 'q', type: { kind: 'quantized', min: -1, max: 1, bits: 10 } },
      { name: 'n', type: { kind: 'string', maxBytes: 1024 }, optional: 'null' },
    ]);
    expect(c).toMatchObject({ name: 'C', declaration: 'class', id: 10 });
    expect(c!.fields.map((f) => f.type.kind)).toEqual(['number', 'varint']);
  });
});

describe('parseSchema: unsupported types are errors with file:line:col, the field path and a hint', () => {
  const cases: [string, string, RegExp][] = [
    [
      'any',
      'any',
      /m\.ts:4:6 - error at M\.f: `any` cannot be encoded\n {2}hint: give the field a concrete type/,
    ],
    ['a function', '() => void', /m\.ts:4:6 - error at M\.f: functions cannot be sent/],
    ['Date', 'Date', /error at M\.f: `Date` is not supported\n {2}hint: send a timestamp/],
    ['Map', 'Map<string, u8>', /error at M\.f: `Map` is not supported/],
    ['bigint', 'bigint', /`bigint` has no width\n {2}hint: use `u64` or `i64`/],
    ['an inline object', '{ a: u8 }', /inline object types are not supported/],
    ['an array of functions', '(() => void)[]', /error at M\.f\[\]: functions cannot be sent/],
    ['a bad tuple element', '[u8, unknown]', /error at M\.f\[1\]: `unknown` cannot be encoded/],
    ['a mixed union', "u8 | 'a'", /a union may hold only literals, or only @netstack messages/],
    ['a union without discriminant', 'A | B', /A \| B has no discriminant/],
    ['a nested optional', '(u8 | undefined)[]', /only a field can be optional/],
    [
      'null and absent at once',
      'string | null | undefined',
      /a field may be null or absent, not both/,
    ],
    ['a bad quantized', 'quantized<1, 0, 8>', /quantized range 1 … 0 is empty/],
    ['too many quantized bits', 'quantized<0, 1, 33>', /quantized bits 33 is not 1 … 32/],
  ];
  for (const [what, type, expected] of cases) {
    it(what, () => {
      const prelude =
        "/** @netstack */ export interface A { k: 'a'; x: u8 }\n/** @netstack */ export interface B { x: u8 }\n";
      const formatted = field(type, type.includes('A |') ? prelude : '');
      expect(formatted.join('\n')).toMatch(expected);
    });
  }

  it('recursive types', () => {
    const { formatted } = parse({
      'm.ts': `/** @netstack */\nexport interface Node {\n  children: Node[];\n}\n`,
    });
    expect(formatted).toEqual([
      expect.stringMatching(
        /m\.ts:3:13 - error at Node\.children\[\]: Node contains itself \(a recursive type\)\n {2}hint: recursive types are not supported/,
      ),
    ]);
  });

  it('an interface that is not marked, imported from another file', () => {
    const { formatted } = parse({
      'm.ts':
        "import type { P } from './p.js';\n/** @netstack */\nexport interface M {\n  p: P;\n}\n",
      'p.ts': 'export interface P { x: number }\n',
    });
    expect(formatted).toEqual([
      expect.stringMatching(
        /m\.ts:4:6 - error at M\.p: P is not marked for netstack-codegen\n {2}hint: add \/\*\* @netstack \*\/ above `interface P`/,
      ),
    ]);
  });

  it('caps that apply to nothing, malformed tags, duplicate ids, non-exported and generic messages', () => {
    const { formatted } = parse({
      'm.ts': `${header}/** @netstack @messageId 1 */\nexport interface M {\n  /** @maxLength 4 */\n  a: u8;\n  /** @maxItems lots */\n  b: u8[];\n}\n/** @netstack @messageId 2 */\nexport interface N { a: u8 }\n/** @netstack @messageId 2 */\nexport interface O { a: u8 }\n/** @netstack */\ninterface Hidden { a: u8 }\n/** @netstack */\nexport interface G<T> { a: T }\n`,
    });
    const text = formatted.join('\n');
    expect(text).toMatch(/@maxLength applies to nothing here/);
    expect(text).toMatch(/@maxItems `lots` is not an integer/);
    expect(text).toMatch(/m\.ts:12:1 - error at O: message id 2 is also the id of N/);
    expect(text).toMatch(/Hidden is not exported\n {2}hint: export it/);
    expect(text).toMatch(/G is generic/);
  });

  it('class fields the decoder could not set, and constructors it could not call', () => {
    const { formatted } = parse({
      'm.ts': `import { netstack } from '@netstack/core/serialization';\n@netstack\nexport class C {\n  readonly a: number = 0;\n  private b = 0;\n  #c = 0;\n  d = new Map();\n  constructor(x: number) { void x; }\n}\n`,
    });
    const text = formatted.join('\n');
    expect(text).toMatch(/error at C\.a: readonly fields cannot be set/);
    expect(text).toMatch(/error at C\.b: private fields are not supported/);
    expect(text).toMatch(/private \(#\) and computed field names are not supported/);
    expect(text).toMatch(/error at C\.d: the field has no type annotation/);
    expect(text).toMatch(/C's constructor has required parameters/);
  });
});
