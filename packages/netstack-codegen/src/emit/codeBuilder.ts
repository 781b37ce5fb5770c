/**
 * Collects lines of generated code with two-space indentation.
 *
 * @example
 * ```ts
 * const code = new CodeBuilder();
 * code.block('if (x) {', () => code.line('y();'), '}');
 * code.toString(); // 'if (x) {\n  y();\n}\n'
 * ```
 */
export class CodeBuilder {
  private readonly lines: string[] = [];
  private depth = 0;

  /** Adds one line at the current indentation (an empty string adds a blank line). */
  line(text = ''): void {
    this.lines.push(text === '' ? '' : '  '.repeat(this.depth) + text);
  }

  /** Adds `open`, the lines `body` adds (indented one level), and `close`. */
  block(open: string, body: () => void, close = '}'): void {
    this.line(open);
    const start = this.lines.length;
    this.depth++;
    body();
    this.depth--;
    if (this.lines.length === start && open.endsWith('{') && close === '}') {
      this.lines[start - 1] += '}'; // an empty body: `{}` on one line
      return;
    }
    this.line(close);
  }

  /** Adds every line of `other` at the current indentation. */
  append(other: CodeBuilder): void {
    for (const line of other.lines) this.line(line);
  }

  /** Adds the lines `body` adds, indented one level. */
  indent(body: () => void): void {
    this.depth++;
    body();
    this.depth--;
  }

  /** The lines so far, indented. */
  get text(): readonly string[] {
    return this.lines;
  }

  /** Replaces line `index` (text given without indentation; the line keeps its own). */
  replace(index: number, text: string): void {
    const line = this.lines[index]!;
    this.lines[index] = /^\s*/.exec(line)![0] + text;
  }

  /** True when no line has been added. */
  isEmpty(): boolean {
    return this.lines.length === 0;
  }

  /** The code, ending with one newline. */
  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}
