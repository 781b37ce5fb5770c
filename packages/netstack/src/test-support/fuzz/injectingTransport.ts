import type { MemoryTransport } from '../../testing/memoryNetwork.js';
import type { DatagramVisitor, PeerAddress, Transport } from '../../transport/transport.js';

/** A forged datagram waiting for its endpoint's next poll. */
export interface Injection {
  /** The input's number in the run, from 0. */
  readonly index: number;
  readonly bytes: Uint8Array;
  readonly from: PeerAddress;
  /** How many genuine datagrams of the same poll go before it. */
  readonly after: number;
  /** What the fuzzer did to make it (for the report of a finding). */
  readonly origin: string;
}

/** Hands one injected datagram to the endpoint, watching what it does. */
export type InjectionDelivery = (injection: Injection, visit: DatagramVisitor) => void;

/**
 * A `MemoryNetwork` transport with a second queue for forged datagrams, which it mixes
 * into the genuine ones at the positions the fuzzer chose and hands over one by one
 * through `deliver`, so the fuzzer can snapshot the endpoint around each of them.
 */
export class InjectingTransport implements Transport {
  private pending: Injection[] = [];

  constructor(
    readonly inner: MemoryTransport,
    private readonly deliver: InjectionDelivery,
  ) {}

  get address(): PeerAddress {
    return this.inner.address;
  }

  get droppedDatagrams(): number {
    return this.inner.droppedDatagrams;
  }

  inject(injection: Injection): void {
    this.pending.push(injection);
  }

  poll(now: number, visit: DatagramVisitor, max: number): number {
    const pending = this.pending;
    if (pending.length === 0) return this.inner.poll(now, visit, max);
    this.pending = [];
    pending.sort((a, b) => a.after - b.after || a.index - b.index);
    let genuine = 0;
    let next = 0;
    const delivered = this.inner.poll(
      now,
      (bytes, from) => {
        while (next < pending.length && pending[next]!.after <= genuine) {
          this.deliver(pending[next++]!, visit);
        }
        genuine++;
        visit(bytes, from);
      },
      max,
    );
    while (next < pending.length) this.deliver(pending[next++]!, visit);
    return delivered + pending.length;
  }

  send(bytes: Uint8Array, length: number, to: PeerAddress): void {
    this.inner.send(bytes, length, to);
  }

  checkAddress(to: PeerAddress): void {
    this.inner.checkAddress(to);
  }

  close(): void {
    this.pending = [];
    this.inner.close();
  }
}
