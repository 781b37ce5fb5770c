import type { CodecFuzzReport } from './codecFuzzer.js';
import type { DatagramFuzzReport } from './datagramFuzzer.js';

function grouped(value: number): string {
  return value.toLocaleString('en-US');
}

function tally(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `${name} ${grouped(count)}`)
    .join(', ');
}

/** The figures of a datagram fuzz run, as lines for a terminal or a test log. */
export function formatDatagramReport(report: DatagramFuzzReport): string {
  const r = report;
  const lines = [
    `datagram fuzz, ${r.securityMode} mode, seed ${r.seed}: ${grouped(r.inputs)} inputs (${grouped(r.toServer)} to the server, ${grouped(r.toClients)} to clients, ${grouped(r.fromUnknownAddresses)} from unknown addresses), ${r.simulatedSeconds.toFixed(1)} s simulated`,
    `  crashes ${r.crashes}, accepted forgeries ${r.acceptedForgeries}, state changes ${r.stateChanges}, unexpected events ${r.unexpectedEvents}, missing events ${r.missingEvents}`,
    `  legitimate messages: sent ${grouped(r.messagesSent)}, delivered ${grouped(r.messagesDelivered)}, lost ${r.messagesLost}, acknowledged ${grouped(r.messagesAcknowledged)}; clients churned ${r.churnedClients}, reservations cycled ${r.cycledReservations}`,
    `  inputs dropped as: ${tally(r.outcomes)}`,
    `  inputs made from: ${tally(r.origins)}`,
    `  digest ${r.digest}`,
  ];
  for (const finding of r.findings) {
    lines.push(`  FINDING ${finding.kind} (input ${finding.input}): ${finding.detail}`);
  }
  return lines.join('\n');
}

/** The figures of a codec fuzz run, as lines for a terminal or a test log. */
export function formatCodecReport(report: CodecFuzzReport): string {
  const r = report;
  const lines = [
    `codec fuzz, seed ${r.seed}: ${grouped(r.inputs)} inputs over ${Object.keys(r.perCodec).length} decoders, ${grouped(r.decoded)} decoded, ${grouped(r.inputs - r.decoded - r.crashes)} rejected with DecodeError`,
    `  crashes (anything but DecodeError) ${r.crashes}, reads outside the range ${r.outOfRangeReads}, oversized allocations ${r.oversizedAllocations}, slow inputs ${r.slowInputs} (slowest ${r.slowestMilliseconds.toFixed(2)} ms: ${r.slowest}; ${r.pauses} pauses of the machine, fast when timed again)`,
    `  largest array ${grouped(r.largestArray.length)} elements from ${grouped(r.largestArray.inputBytes)} bytes; rejected as: ${tally(r.rejected)}`,
    `  per decoder (inputs/decoded): ${Object.entries(r.perCodec)
      .map(([name, c]) => `${name} ${grouped(c.inputs)}/${grouped(c.decoded)}`)
      .join(', ')}`,
    `  digest ${r.digest}`,
  ];
  for (const finding of r.findings) {
    lines.push(
      `  FINDING ${finding.kind} in ${finding.codec} (input ${finding.input}): ${finding.detail}`,
    );
  }
  return lines.join('\n');
}
