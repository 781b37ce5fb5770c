import type { ChoiceModel, MessageModel, Schema, UnionModel } from './schema.js';

/**
 * Look-ups by name into a `Schema`; throws on a name the schema lacks (a bug in whoever built it).
 *
 * @example
 * ```ts
 * const index = new SchemaIndex(schema);
 * index.message('Entity').fields;
 * ```
 */
export class SchemaIndex {
  private readonly messages = new Map<string, MessageModel>();
  private readonly unions = new Map<string, UnionModel>();
  private readonly choices = new Map<string, ChoiceModel>();

  constructor(readonly schema: Schema) {
    for (const m of schema.messages) this.messages.set(m.name, m);
    for (const u of schema.unions) this.unions.set(u.name, u);
    for (const c of schema.choices) this.choices.set(c.name, c);
  }

  /** The message named `name`. */
  message(name: string): MessageModel {
    return found(this.messages.get(name), 'message', name);
  }
  /** The union named `name`. */
  union(name: string): UnionModel {
    return found(this.unions.get(name), 'union', name);
  }
  /** The enum or literal union named `name`. */
  choice(name: string): ChoiceModel {
    return found(this.choices.get(name), 'choice', name);
  }
}

function found<T>(value: T | undefined, what: string, name: string): T {
  if (value === undefined) throw new Error(`schema has no ${what} named ${name}`);
  return value;
}
