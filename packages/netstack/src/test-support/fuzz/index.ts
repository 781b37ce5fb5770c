/**
 * The fuzzers of netstack's tests and of `pnpm fuzz` (tools/fuzz): not public API.
 * The package exposes this file only to the workspace, under the `@netstack/source`
 * condition (`@netstack/core/fuzzing`), and never publishes it.
 */
export {
  DatagramFuzzer,
  type DatagramFuzzOptions,
  type DatagramFuzzReport,
  type FindingKind,
  type FuzzFinding,
} from './datagramFuzzer.js';
export { FuzzRandom } from './fuzzRandom.js';
export { formatDatagramReport } from './fuzzReport.js';
