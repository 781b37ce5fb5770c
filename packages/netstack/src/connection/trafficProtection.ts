import { HmacProtection } from '../security/hmacProtection.js';
import type { PacketProtection } from '../security/packetProtection.js';
import type { SecurityMode } from '../security/securityMode.js';

/** The protection of payloads, heartbeats, acceptances and disconnects in `mode`. */
export function createTrafficProtection(mode: SecurityMode, key: Uint8Array): PacketProtection {
  if (mode === 'encrypt') {
    throw new Error('netstack: the encrypt security mode is not available yet');
  }
  return new HmacProtection(key);
}
