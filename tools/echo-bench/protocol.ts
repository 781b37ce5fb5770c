/** What the echo benchmark's processes say to each other over IPC. */

/** `raw`: node:dgram alone; `sign` / `encrypt`: netstack in that security mode. */
export type Mode = 'raw' | 'sign' | 'encrypt';
export const MODES: readonly Mode[] = ['raw', 'sign', 'encrypt'];

export const PAYLOAD_BYTES = 100;

export interface Credentials {
  /** base64 */
  secret: string;
  /** base64 */
  token: string;
}

/** Server → parent, once listening. */
export interface ServerReady {
  kind: 'ready';
  port: number;
  credentials: Credentials[];
}

/** Parent → server/client: report what you counted since `start`. */
export interface Measure {
  kind: 'measure';
}

/** Server → parent. */
export interface ServerReport {
  kind: 'report';
  echoed: number;
  cpuMicros: number;
  heapUsedBefore: number;
  heapUsedAfter: number;
  /** Datagrams the netstack server dropped, by reason, since it started. */
  drops: Record<string, number>;
}

/** Client → parent. */
export interface ClientReport {
  kind: 'report';
  received: number;
  connected: number;
  cpuMicros: number;
  /** Windows given up as lost after 300 ms of silence. */
  stalls: number;
}
