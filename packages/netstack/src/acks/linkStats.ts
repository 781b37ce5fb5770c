/** How fast the smoothed round-trip time follows new samples (RFC 6298 uses 1/8). */
const RTT_GAIN = 1 / 8;
const RTT_VARIANCE_GAIN = 1 / 4;
/** How fast the loss estimate follows: about the last 100 packets weigh in. */
const LOSS_GAIN = 1 / 100;

/**
 * Round-trip time and packet loss of one connection, estimated from acknowledgements.
 *
 * RTT samples come from packets acknowledged as the newest received (`ack`), and are
 * smoothed as TCP does (RFC 6298). They include the time the peer held the ack until
 * its next packet, so a peer that sends at 20 Hz adds up to 50 ms.
 * A packet counts as lost once it is older than the 33 sequences one ack can still
 * report and was not acknowledged; loss is an exponential average over those verdicts.
 */
export class LinkStats {
  /** Smoothed round-trip time in milliseconds; 0 before the first sample. */
  rtt = 0;
  /** Mean deviation of the round-trip time in milliseconds. */
  rttVariance = 0;
  /** The newest round-trip sample in milliseconds. */
  latestRtt = 0;
  /** Estimated fraction of sent packets that never arrived, 0 to 1. */
  packetLoss = 0;
  private hasRtt = false;

  addRttSample(milliseconds: number): void {
    const sample = Math.max(0, milliseconds);
    this.latestRtt = sample;
    if (!this.hasRtt) {
      this.hasRtt = true;
      this.rtt = sample;
      this.rttVariance = sample / 2;
      return;
    }
    this.rttVariance += RTT_VARIANCE_GAIN * (Math.abs(this.rtt - sample) - this.rttVariance);
    this.rtt += RTT_GAIN * (sample - this.rtt);
  }

  addDelivery(lost: boolean): void {
    this.packetLoss += LOSS_GAIN * ((lost ? 1 : 0) - this.packetLoss);
  }

  reset(): void {
    this.rtt = 0;
    this.rttVariance = 0;
    this.latestRtt = 0;
    this.packetLoss = 0;
    this.hasRtt = false;
  }
}
