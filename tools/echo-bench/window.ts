/**
 * Keeps `size` payloads in flight for one peer of the echo benchmark, whatever the
 * losses: each payload carries a number, an echo of number k means everything up to k
 * came back or is lost, and a peer that heard nothing for 300 ms starts a fresh window.
 */
export class EchoWindow {
  /** How many times the whole window was given up as lost. */
  stalls = 0;
  private sent = 0;
  private highestEchoed = 0;
  private lastEchoAt = performance.now();
  private started = false;

  constructor(
    private readonly size: number,
    private readonly payload: Buffer,
    private readonly transmit: (payload: Buffer) => void,
  ) {}

  /** Sends until `size` payloads are in flight. */
  fill(): void {
    this.started = true;
    while (this.sent - this.highestEchoed < this.size) {
      this.sent++;
      this.payload.writeUInt32LE(this.sent, 0);
      this.transmit(this.payload);
    }
  }

  /** An echo came back carrying `echoed` (its first four bytes). */
  echo(echoed: Uint8Array): void {
    const number = echoed[0]! | (echoed[1]! << 8) | (echoed[2]! << 16) | (echoed[3]! << 24);
    if (number > this.highestEchoed) this.highestEchoed = number;
    this.lastEchoAt = performance.now();
    this.fill();
  }

  /** Called now and then: after 300 ms of silence, the whole window counts as lost. */
  checkStall(now: number): void {
    if (!this.started || now - this.lastEchoAt < 300) return;
    this.stalls++;
    this.highestEchoed = this.sent;
    this.lastEchoAt = now;
    this.fill();
  }
}
