import type { SchemaIndex } from '../model/schemaIndex.js';

/** Names that generated code may import from `@netstack/core/serialization`. */
export type RuntimeName =
  | 'DecodeError'
  | 'EncodeError'
  | 'Reader'
  | 'Writer'
  | 'quantize'
  | 'dequantize'
  | 'stringSize'
  | 'varintSize';

/** Shared by the emitters of one file: the schema and which runtime names the code uses. */
export interface EmitContext {
  /** Look-ups into the schema being emitted. */
  index: SchemaIndex;
  /** Runtime names used so far; the file imports exactly these. */
  runtime: Set<RuntimeName>;
}
