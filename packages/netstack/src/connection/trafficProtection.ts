import { ChaCha20Poly1305Protection } from '../security/chaCha20Poly1305Protection.js';
import { HmacProtection } from '../security/hmacProtection.js';
import type { PacketProtection } from '../security/packetProtection.js';
import type { SecurityMode } from '../security/securityMode.js';

/** The protection of payloads, heartbeats, acceptances and disconnects in `mode`. */
export function createTrafficProtection(mode: SecurityMode, key: Uint8Array): PacketProtection {
  return mode === 'encrypt' ? new ChaCha20Poly1305Protection(key) : new HmacProtection(key);
}
