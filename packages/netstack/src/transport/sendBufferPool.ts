/** Bytes per pooled buffer to begin with; a larger datagram grows its buffer. */
const INITIAL_BUFFER_BYTES = 1500;

/**
 * Buffers for datagrams node:dgram has been asked to send but has not sent yet (it
 * sends on a later tick, and may queue when the socket is busy). Buffers are taken in
 * order and come back in order, as dgram completes sends first in, first out; the pool
 * grows when every buffer is in flight, up to `maxBuffers`, so steady traffic reuses
 * the same buffers and allocates nothing.
 */
export class SendBufferPool {
  private buffers: Buffer[] = [];
  private head = 0;
  private inFlight = 0;

  constructor(
    private readonly maxBuffers: number,
    initialBuffers = 64,
  ) {
    for (let i = 0; i < initialBuffers; i++)
      this.buffers.push(Buffer.allocUnsafe(INITIAL_BUFFER_BYTES));
  }

  /** Buffers sent but not yet completed. */
  get pending(): number {
    return this.inFlight;
  }

  /**
   * A buffer holding a copy of `bytes[0, length)`, marked in flight until `release`;
   * undefined when `maxBuffers` are in flight already.
   */
  take(bytes: Uint8Array, length: number): Buffer | undefined {
    if (this.inFlight === this.buffers.length && !this.grow()) return undefined;
    const index = (this.head + this.inFlight) % this.buffers.length;
    let buffer = this.buffers[index]!;
    if (buffer.length < length) {
      buffer = Buffer.allocUnsafe(length);
      this.buffers[index] = buffer;
    }
    buffer.set(bytes.length === length ? bytes : bytes.subarray(0, length));
    this.inFlight++;
    return buffer;
  }

  /** The oldest buffer in flight is sent: it may be taken again. */
  release(): void {
    this.head = (this.head + 1) % this.buffers.length;
    this.inFlight--;
  }

  private grow(): boolean {
    const size = this.buffers.length;
    if (size >= this.maxBuffers) return false;
    const ordered: Buffer[] = [];
    for (let i = 0; i < size; i++) ordered.push(this.buffers[(this.head + i) % size]!);
    for (let i = size; i < Math.min(size * 2, this.maxBuffers); i++) {
      ordered.push(Buffer.allocUnsafe(INITIAL_BUFFER_BYTES));
    }
    this.buffers = ordered;
    this.head = 0;
    return true;
  }
}
