/** What the load run's processes say to each other over IPC. */

export interface Credentials {
  /** base64 */
  secret: string;
  /** base64 */
  token: string;
}

/** Counters a process reports; the parent turns differences into rates. */
export interface Sample {
  kind: 'sample';
  /** performance.now() of the sender's clock is not shared: wall time in ms. */
  at: number;
  cpuMicros: number;
  /** Event-loop delay p99 since the last sample, ms. */
  eventLoopDelayP99: number;
  connected: number;
  /** Server: messages received; load: states sent. */
  messagesIn: number;
  messagesOut: number;
  /** Transport drops (queue full) and send drops. */
  dropped: number;
}

export type ToServer = { kind: 'reserve'; count: number } | { kind: 'sample' };
export type FromServer =
  | { kind: 'ready'; port: number }
  | { kind: 'reserved'; credentials: Credentials[] }
  | Sample;
export type ToLoad = { kind: 'add'; credentials: Credentials[] } | { kind: 'sample' };
export type FromLoad = { kind: 'ready' } | { kind: 'added' } | Sample;
