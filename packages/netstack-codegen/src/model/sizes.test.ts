import { describe, expect, it } from 'vitest';
import type { Schema, TypeModel } from './schema.js';
import { SchemaIndex } from './schemaIndex.js';
import { fixedSize, maxSize, minSize, structFixedSize, varintBytes } from './sizes.js';

const schema: Schema = {
  messages: [
    {
      name: 'A',
      declaration: 'interface',
      source: { file: '/a.ts', name: 'A' },
      fields: [
        { name: 'flag', type: { kind: 'boolean' } },
        { name: 'n', type: { kind: 'number', width: 'u32' } },
        { name: 's', type: { kind: 'string', maxBytes: 200 }, optional: 'omit' },
      ],
    },
  ],
  choices: [],
  unions: [],
};
const index = new SchemaIndex(schema);

describe('sizes', () => {
  it('varint byte counts', () => {
    expect([0, 127, 128, 16383, 16384, 2 ** 32 - 1].map(varintBytes)).toEqual([1, 1, 2, 2, 3, 5]);
  });

  it('fixed sizes of inline types', () => {
    expect(fixedSize({ kind: 'quantized', min: 0, max: 1, bits: 17 })).toBe(3);
    expect(fixedSize({ kind: 'bigint', width: 'i64' })).toBe(8);
    expect(fixedSize({ kind: 'string', maxBytes: 1 })).toBeUndefined();
    expect(
      structFixedSize([{ type: { kind: 'boolean' } }, { type: { kind: 'number', width: 'f64' } }]),
    ).toBe(9);
  });

  it('min and max sizes of messages, arrays and bit-packed booleans', () => {
    const a: TypeModel = { kind: 'message', name: 'A' };
    expect(minSize(a, index)).toBe(5); // flags + u32
    expect(maxSize(a, index)).toBe(5 + 2 + 200);
    const bools: TypeModel = { kind: 'array', element: { kind: 'boolean' }, maxItems: 20 };
    expect(maxSize(bools, index)).toBe(1 + 3);
    expect(minSize({ kind: 'boolean' }, index)).toBe(1 / 8);
  });
});
