import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Sample } from './protocol.js';

/** CPU time and event-loop delay of this process, for `Sample`s. */
export class ProcessSampler {
  private readonly delay = monitorEventLoopDelay({ resolution: 5 });

  constructor() {
    this.delay.enable();
  }

  sample(counts: Pick<Sample, 'connected' | 'messagesIn' | 'messagesOut' | 'dropped'>): Sample {
    const cpu = process.cpuUsage();
    const p99 = this.delay.percentile(99) / 1e6;
    this.delay.reset();
    return {
      kind: 'sample',
      at: Date.now(),
      cpuMicros: cpu.user + cpu.system,
      eventLoopDelayP99: p99,
      ...counts,
    };
  }
}
