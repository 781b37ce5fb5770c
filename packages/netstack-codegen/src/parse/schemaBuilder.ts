import { Node, type SourceFile } from 'ts-morph';
import type { ChoiceModel, FieldModel, MessageModel, Schema, UnionModel } from '../model/schema.js';
import { type Diagnostic, diagnosticAt } from './diagnostic.js';
import { checkClass, classField, interfaceField } from './messageFields.js';
import { isMarked, type MessageDeclaration, messageId } from './messageMarks.js';

export type { MessageDeclaration } from './messageMarks.js';

/**
 * Walks the marked declarations of the input files and everything they reference, building
 * the schema and collecting every problem (it does not stop at the first).
 *
 * @example
 * ```ts
 * const builder = new SchemaBuilder();
 * for (const file of inputs) builder.addFile(file);
 * const { schema, diagnostics } = builder.result();
 * ```
 */
export class SchemaBuilder {
  private readonly messages: MessageModel[] = [];
  private readonly done = new Map<MessageDeclaration, string | undefined>();
  private readonly inProgress = new Set<MessageDeclaration>();
  private readonly choices = new Map<string, ChoiceModel>();
  private readonly unions = new Map<string, UnionModel>();
  private readonly names = new Map<string, Node>();
  private readonly diagnostics: Diagnostic[] = [];
  private readonly ids = new Map<number, string>();

  /** Adds every marked interface and class of `file`, in source order. */
  addFile(file: SourceFile): void {
    for (const statement of file.getStatements()) {
      if (
        (Node.isInterfaceDeclaration(statement) || Node.isClassDeclaration(statement)) &&
        isMarked(statement)
      ) {
        this.ensureMessage(statement, statement, statement.getName() ?? '(anonymous)');
      }
    }
  }

  /** The schema (messages after the messages they contain) and all diagnostics. */
  result(): { schema: Schema; diagnostics: Diagnostic[] } {
    const schema: Schema = {
      messages: this.messages,
      choices: [...this.choices.values()],
      unions: [...this.unions.values()],
    };
    const diagnostics = [...this.diagnostics].sort(
      (a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column,
    );
    return { schema, diagnostics };
  }

  /** Records a problem. */
  report(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
  }

  /**
   * The message name for `decl`, building it first if needed; `undefined` (after reporting
   * why, at `at`) when it is not marked, not exported, or part of a cycle.
   */
  ensureMessage(decl: MessageDeclaration, at: Node, path: string): string | undefined {
    if (this.done.has(decl)) return this.done.get(decl);
    const name = decl.getName() ?? '(anonymous)';
    if (this.inProgress.has(decl)) {
      this.report(
        diagnosticAt(at, {
          path,
          message: `${name} contains itself (a recursive type)`,
          hint: 'recursive types are not supported, since a decoder could recurse without bound; flatten it, for example into an array of nodes that refer to each other by index',
        }),
      );
      return undefined;
    }
    if (!isMarked(decl)) {
      this.report(
        diagnosticAt(at, {
          path,
          message: `${name} is not marked for netstack-codegen`,
          hint: Node.isClassDeclaration(decl)
            ? `decorate the class with @netstack (from '@netstack/core/serialization')`
            : `add /** @netstack */ above \`interface ${name}\``,
        }),
      );
      this.done.set(decl, undefined);
      return undefined;
    }
    if (!this.claimName(name, decl)) {
      this.done.set(decl, undefined);
      return undefined;
    }
    this.inProgress.add(decl);
    const message = this.buildMessage(decl, name);
    this.inProgress.delete(decl);
    this.done.set(decl, message?.name);
    if (message !== undefined) this.messages.push(message);
    return message?.name;
  }

  /** The message already built under `name`, if any. */
  findMessage(name: string): MessageModel | undefined {
    return this.messages.find((m) => m.name === name);
  }

  /** Registers an enum or literal union (once per name). */
  addChoice(choice: ChoiceModel, at: Node): void {
    const existing = this.choices.get(choice.name);
    if (existing !== undefined) return;
    if (choice.source === undefined || !this.names.has(choice.name)) {
      if (!this.claimName(choice.name, at)) return;
    }
    this.choices.set(choice.name, choice);
  }

  /** Registers a discriminated union (once per name). */
  addUnion(union: UnionModel, at: Node): void {
    if (this.unions.has(union.name)) return;
    if (!this.claimName(union.name, at)) return;
    this.unions.set(union.name, union);
  }

  private claimName(name: string, node: Node): boolean {
    const owner = this.names.get(name);
    if (owner === undefined || owner === node) {
      this.names.set(name, node);
      return true;
    }
    this.report(
      diagnosticAt(node, {
        path: name,
        message: `two declarations named ${name} would generate the same functions`,
        hint: `rename one; the other is at ${owner.getSourceFile().getFilePath()}:${owner.getStartLineNumber()}`,
      }),
    );
    return false;
  }

  private buildMessage(decl: MessageDeclaration, name: string): MessageModel | undefined {
    const before = this.diagnostics.length;
    const fail = (node: Node, message: string, hint: string) =>
      this.report(diagnosticAt(node, { path: name, message, hint }));
    if (!decl.isExported())
      fail(decl, `${name} is not exported`, `export it: generated code imports it`);
    if (decl.getTypeParameters().length > 0) {
      fail(
        decl,
        `${name} is generic`,
        'declare a concrete interface for each instantiation you send',
      );
    }
    const fields: FieldModel[] = [];
    if (Node.isInterfaceDeclaration(decl)) {
      if (decl.getExtends().length > 0) {
        fail(
          decl,
          `${name} extends another interface`,
          'inheritance is not supported; repeat the fields, or nest the base as a field',
        );
      }
      for (const member of decl.getMembers()) {
        if (Node.isPropertySignature(member)) {
          const field = interfaceField(this, member, name);
          if (field !== undefined) fields.push(field);
        } else {
          fail(
            member,
            `${name} has a ${member.getKindName()}`,
            'only plain properties can be sent; remove methods, index and call signatures',
          );
        }
      }
    } else {
      checkClass(decl, name, fail);
      for (const property of decl.getProperties()) {
        if (property.isStatic()) continue;
        const field = classField(this, property, name);
        if (field !== undefined) fields.push(field);
      }
    }
    if (this.diagnostics.length > before) return undefined;
    const message: MessageModel = {
      name,
      declaration: Node.isClassDeclaration(decl) ? 'class' : 'interface',
      source: { file: decl.getSourceFile().getFilePath(), name },
      fields,
    };
    const id = messageId(decl, (node, text) =>
      fail(node, text, 'use an integer 0 … 4294967295, such as `@messageId 3`'),
    );
    if (id !== undefined) {
      const other = this.ids.get(id);
      if (other !== undefined) {
        fail(
          decl,
          `message id ${id} is also the id of ${other}`,
          'give every message a different id',
        );
        return undefined;
      }
      this.ids.set(id, name);
      message.id = id;
    }
    return message;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
