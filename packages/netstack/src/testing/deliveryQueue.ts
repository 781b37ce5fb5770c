import type { PeerAddress } from '../transport/transport.js';

interface Delivery {
  readonly at: number;
  readonly order: number;
  readonly bytes: Uint8Array;
  readonly from: PeerAddress;
}

/** Datagrams waiting for their delivery time: a binary min-heap on (time, order sent). */
export class DeliveryQueue {
  private readonly heap: Delivery[] = [];
  private sent = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, bytes: Uint8Array, from: PeerAddress): void {
    const heap = this.heap;
    heap.push({ at, order: this.sent++, bytes, from });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** The earliest delivery due by `now`, removed from the queue; undefined if none is due. */
  popDue(now: number): Delivery | undefined {
    const heap = this.heap;
    const first = heap[0];
    if (first === undefined || first.at > now) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && earlier(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && earlier(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return first;
  }
}

function earlier(a: Delivery, b: Delivery): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}
