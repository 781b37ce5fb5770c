/**
 * The fuzzers of netstack's tests and of `pnpm fuzz` (tools/fuzz): not public API.
 * The package exposes this file only to the workspace, under the `@netstack/source`
 * condition (`@netstack/core/fuzzing`), and never publishes it.
 */
export {
  CodecFuzzer,
  type CodecFuzzFinding,
  type CodecFuzzOptions,
  type CodecFuzzReport,
  type FuzzCodec,
} from './codecFuzzer.js';
export {
  DatagramFuzzer,
  type DatagramFuzzOptions,
  type DatagramFuzzReport,
  type FindingKind,
  type FuzzFinding,
} from './datagramFuzzer.js';
export { FuzzRandom } from './fuzzRandom.js';
export { formatCodecReport, formatDatagramReport } from './fuzzReport.js';
