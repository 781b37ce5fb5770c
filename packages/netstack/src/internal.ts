/**
 * `@netstack/core/internal`: the building blocks under the protocol, exported for
 * netstack's own benchmarks and for people who want to check them. Not part of the
 * stable API: names and signatures may change in any release.
 */
export { ChaCha20Poly1305Protection } from './security/chaCha20Poly1305Protection.js';
export { deriveConnectionKeys } from './security/connectionKeys.js';
export { HmacProtection } from './security/hmacProtection.js';
export { HmacSha256 } from './security/hmacSha256.js';
export type { PacketProtection } from './security/packetProtection.js';
