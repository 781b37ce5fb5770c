import type { LinkConditions } from '@netstack/core/testing';

/**
 * The soak profiles, as netcode.io's and Valve's GameNetworkingSockets' soak tests
 * mistreat their links.
 */
export const PROFILES = {
  /** Long, wildly varying latency with some loss and much duplication. */
  latency: { latency: 250, jitter: 250, loss: 0.05, duplication: 0.1 },
  /** Heavy loss with reordering. */
  loss: { latency: 30, jitter: 10, loss: 0.2, reordering: 0.04 },
} as const satisfies Record<string, LinkConditions>;

export type ProfileName = keyof typeof PROFILES;
