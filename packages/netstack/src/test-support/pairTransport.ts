import type { DatagramVisitor, PeerAddress, Transport } from '../transport/transport.js';

const SLOTS = 256;
const SLOT_BYTES = 1500;

/**
 * Two transports joined back to back through preallocated buffers, for measuring what
 * the endpoints allocate: after warm-up, moving a datagram allocates nothing here.
 */
export class PairTransport implements Transport {
  droppedDatagrams = 0;
  peer!: PairTransport;
  private readonly slots = Array.from({ length: SLOTS }, () => new Uint8Array(SLOT_BYTES));
  /** Views of each slot by length, made once. */
  private readonly views = Array.from({ length: SLOTS }, () => new Map<number, Uint8Array>());
  private readonly lengths = new Int32Array(SLOTS);
  private head = 0;
  private count = 0;

  constructor(readonly address: PeerAddress) {}

  static pair(a: PeerAddress, b: PeerAddress): [PairTransport, PairTransport] {
    const left = new PairTransport(a);
    const right = new PairTransport(b);
    left.peer = right;
    right.peer = left;
    return [left, right];
  }

  poll(_now: number, visit: DatagramVisitor, max: number): number {
    let delivered = 0;
    while (delivered < max && this.count > 0) {
      const slot = this.head;
      const length = this.lengths[slot]!;
      let view = this.views[slot]!.get(length);
      if (view === undefined) {
        view = this.slots[slot]!.subarray(0, length);
        this.views[slot]!.set(length, view);
      }
      this.head = (slot + 1) % SLOTS;
      this.count--;
      delivered++;
      visit(view, this.peer.address);
    }
    return delivered;
  }

  send(bytes: Uint8Array, length: number): void {
    this.peer.arrive(bytes, length);
  }

  checkAddress(): void {}

  close(): void {}

  private arrive(bytes: Uint8Array, length: number): void {
    if (this.count === SLOTS) {
      this.droppedDatagrams++;
      return;
    }
    const slot = (this.head + this.count) % SLOTS;
    const target = this.slots[slot]!;
    for (let i = 0; i < length; i++) target[i] = bytes[i]!;
    this.lengths[slot] = length;
    this.count++;
  }
}
