/**
 * `@netstack/core/testing`: a simulated network for tests and for trying a game under
 * latency, jitter, loss, duplication and reordering, deterministic for a seed.
 */
export type { LinkConditions } from './testing/linkConditioner.js';
export { LinkConditioner } from './testing/linkConditioner.js';
export type { MemoryNetworkOptions, NetworkTap } from './testing/memoryNetwork.js';
export { MemoryNetwork, MemoryTransport } from './testing/memoryNetwork.js';
export { SeededRandom } from './testing/random.js';
