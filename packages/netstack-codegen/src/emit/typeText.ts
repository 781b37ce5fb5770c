import type { TypeModel } from '../model/schema.js';
import type { SchemaIndex } from '../model/schemaIndex.js';

/**
 * The TypeScript type of a decoded value of `type`, as generated code spells it.
 *
 * @example
 * ```ts
 * typeText({ kind: 'array', element: { kind: 'string', maxBytes: 8 }, maxItems: 4 }, index); // 'string[]'
 * ```
 */
export function typeText(type: TypeModel, index: SchemaIndex): string {
  switch (type.kind) {
    case 'boolean':
      return 'boolean';
    case 'number':
    case 'varint':
    case 'zigzag':
    case 'quantized':
      return 'number';
    case 'bigint':
      return 'bigint';
    case 'string':
      return 'string';
    case 'bytes':
      return 'Uint8Array';
    case 'array': {
      const element = typeText(type.element, index);
      return /^[A-Za-z0-9_$.]+$/.test(element) ? `${element}[]` : `(${element})[]`;
    }
    case 'tuple':
      return `[${type.elements.map((e) => typeText(e, index)).join(', ')}]`;
    case 'literal':
      return type.literal.text;
    case 'choice':
    case 'message':
    case 'union':
      return type.name;
  }
}

/**
 * Names of the helpers generated for an enum or literal union.
 *
 * @example
 * ```ts
 * choiceHelpers('Mode'); // { values: 'modeValues', ordinalOf: 'ordinalOfMode', at: 'modeAt' }
 * ```
 */
export function choiceHelpers(name: string): { values: string; ordinalOf: string; at: string } {
  const camel = name.charAt(0).toLowerCase() + name.slice(1);
  return { values: `${camel}Values`, ordinalOf: `ordinalOf${name}`, at: `${camel}At` };
}
