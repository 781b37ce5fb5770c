/** How one connection's link is doing, estimated from acknowledgements. */
export interface ConnectionStats {
  /** Smoothed round-trip time in milliseconds (0 before the first sample). */
  readonly rtt: number;
  /** Mean deviation of the round-trip time in milliseconds. */
  readonly rttVariance: number;
  /** The newest round-trip sample in milliseconds. */
  readonly latestRtt: number;
  /** Estimated fraction of sent packets lost, 0 to 1. */
  readonly packetLoss: number;
}
