/**
 * Seals and opens packets of one direction of one connection with that direction's key.
 *
 * The tag covers the full 64-bit `sequence` and `ack` (the wire carries only their low
 * bits) and every byte of the packet before the tag, header included.
 */
export interface PacketProtection {
  /**
   * Protects `packet[0, bodyEnd)` (header then body): writes the 16-byte tag at
   * `bodyEnd` and, in encrypt mode, encrypts the body in place.
   */
  seal(packet: Uint8Array, bodyEnd: number, sequence: number, ack: number): void;
  /**
   * Whether the tag at `packet[bodyEnd, bodyEnd + 16)` is right for the rest. When it
   * is, in encrypt mode, the body is decrypted in place; when it is not, nothing changed.
   */
  open(packet: Uint8Array, bodyEnd: number, sequence: number, ack: number): boolean;
}
