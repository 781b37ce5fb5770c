/**
 * The schema as plain data: what `parse/` builds from source and `emit/` turns into code.
 * Nothing here refers to ts-morph, so either side can be tested without the other.
 */

/** Fixed-width number encodings (`f64` is also what a plain `number` means). */
export type NumberWidth = 'u8' | 'u16' | 'u32' | 'i8' | 'i16' | 'i32' | 'f32' | 'f64';

/** A value that a literal type stands for, and how generated code spells it. */
export interface LiteralValue {
  /** The value itself. */
  value: string | number | boolean;
  /** The TypeScript expression for it, such as `'circle'`, `3` or `ShapeKind.Circle`. */
  text: string;
  /** The enum the expression refers to, when it is an enum member (so it must be imported). */
  enumSource?: SourceRef;
}

/** The wire type of one value. */
export type TypeModel =
  | { kind: 'boolean' }
  | { kind: 'number'; width: NumberWidth }
  | { kind: 'varint' }
  | { kind: 'zigzag' }
  | { kind: 'bigint'; width: 'u64' | 'i64' }
  | { kind: 'quantized'; min: number; max: number; bits: number }
  | { kind: 'string'; maxBytes: number }
  | { kind: 'bytes'; maxBytes: number }
  | { kind: 'array'; element: TypeModel; maxItems: number }
  | { kind: 'tuple'; elements: TypeModel[] }
  | { kind: 'literal'; literal: LiteralValue }
  | { kind: 'choice'; name: string }
  | { kind: 'message'; name: string }
  | { kind: 'union'; name: string };

/** How an optional field looks when it is absent. */
export type Absence = 'omit' | 'undefined' | 'null';

/** One field of a message. */
export interface FieldModel {
  /** The property name. */
  name: string;
  /** Its wire type. */
  type: TypeModel;
  /**
   * Set when the field may be absent: `'omit'` for `x?: T` (decoded without the property),
   * `'undefined'` for `x: T | undefined` or `x?: T | undefined`, `'null'` for `x: T | null`.
   */
  optional?: Absence;
}

/** Where a named declaration lives, so generated code can import it. */
export interface SourceRef {
  /** Absolute path of the declaring file. */
  file: string;
  /** The exported name. */
  name: string;
}

/** A message: an interface marked `@netstack` or a class decorated `@netstack`. */
export interface MessageModel {
  /** The interface or class name. */
  name: string;
  /** Interfaces decode to object literals; classes to instances made with `new`. */
  declaration: 'interface' | 'class';
  /** Where it is declared. */
  source: SourceRef;
  /** Fields in declaration order. */
  fields: FieldModel[];
  /** Its id in the message registry, when it has one. */
  id?: number;
}

/** A closed set of values sent as an ordinal: a numeric or string enum, or a literal union. */
export interface ChoiceModel {
  /**
   * The type's name in generated code: the enum or alias name, or one made from the field
   * (`PlayerMode`) for an inline literal union, which the file then declares.
   */
  name: string;
  /** The literal union text (`'idle' | 'run'`) for the local declaration of an inline union. */
  typeText: string;
  /** Where the enum or alias is declared; absent for an inline union. */
  source?: SourceRef;
  /** True for an enum (imported as a value, since members are referenced). */
  isEnum: boolean;
  /** The values in source order; a value's index is its ordinal on the wire. */
  values: LiteralValue[];
}

/** One variant of a discriminated union. */
export interface VariantModel {
  /** The discriminant's value for this variant. */
  tag: LiteralValue;
  /** The message of this variant. */
  message: string;
}

/** A discriminated union of messages, sent as a variant index and the variant's body. */
export interface UnionModel {
  /** The alias name, or one made from the variants (`CircleOrSquare`), which the file then declares. */
  name: string;
  /** The union text (`Circle | Square`) for the local declaration of an inline union. */
  typeText: string;
  /** Where the alias is declared; absent for an inline union. */
  source?: SourceRef;
  /** The property that tells variants apart. */
  discriminant: string;
  /** Variants in source order; a variant's index is its tag on the wire. */
  variants: VariantModel[];
}

/** Everything one generated file holds. */
export interface Schema {
  /** Messages, dependencies before the messages that use them. */
  messages: MessageModel[];
  /** Enums and literal unions. */
  choices: ChoiceModel[];
  /** Discriminated unions. */
  unions: UnionModel[];
}

/** Cap on string bytes, byte-array length and array items when no tag sets one. */
export const DEFAULT_MAX_LENGTH = 1024;
