import type { PeerAddress } from '../transport/transport.js';

/**
 * Finds the value bound to an (address, port) pair without building a key string per
 * datagram: a map of addresses to maps of ports.
 */
export class AddressIndex<T> {
  private readonly byAddress = new Map<string, Map<number, T>>();

  get(from: PeerAddress): T | undefined {
    return this.byAddress.get(from.address)?.get(from.port);
  }

  set(at: PeerAddress, value: T): void {
    let ports = this.byAddress.get(at.address);
    if (ports === undefined) {
      ports = new Map();
      this.byAddress.set(at.address, ports);
    }
    ports.set(at.port, value);
  }

  delete(at: PeerAddress): void {
    const ports = this.byAddress.get(at.address);
    if (ports === undefined) return;
    ports.delete(at.port);
    if (ports.size === 0) this.byAddress.delete(at.address);
  }
}
