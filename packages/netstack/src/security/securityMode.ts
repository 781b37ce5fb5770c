/**
 * What the tag of every packet protects:
 * - `sign` (the default): HMAC-SHA256 truncated to 16 bytes. Integrity, authenticity
 *   and replay protection; payloads travel in the clear.
 * - `encrypt`: also confidentiality of payloads (an AEAD); costs more CPU per packet.
 *
 * Client and server must agree; a client that asks for the other mode is denied.
 */
export type SecurityMode = 'sign' | 'encrypt';

/** The mode's byte in a connection request. */
export function securityModeByte(mode: SecurityMode): number {
  return mode === 'sign' ? 0 : 1;
}
