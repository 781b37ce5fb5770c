import { runCli } from './runCli.js';

/**
 * The `netstack-codegen` executable: runs the CLI on `process.argv` and sets the exit code;
 * Ctrl-C ends `--watch` cleanly.
 *
 * @example
 * ```ts
 * await main(); // as bin/netstack-codegen.js does
 * ```
 */
export async function main(): Promise<void> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  process.exitCode = await runCli(process.argv.slice(2), { signal: controller.signal });
}
