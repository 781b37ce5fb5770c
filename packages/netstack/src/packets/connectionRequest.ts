/**
 * The body of a connection request (client → server).
 *
 * ```
 *  offset  size  field
 *  0       8     header (kind 0, the client's sequence, ack 0, ack bits 0)
 *  8       1     protocol version (1)
 *  9       1     security mode (0: sign, 1: encrypt)
 *  10      32    connection token
 *  42      16    tag under the client → server key of the token's secret
 * ```
 *
 * 58 bytes, exactly: the server answers a request with at most 25 bytes, so it can
 * never be used to amplify traffic towards a spoofed address.
 */
import { HEADER_BYTES, TAG_BYTES } from './header.js';

export const PROTOCOL_VERSION = 1;
export const TOKEN_BYTES = 32;
export const REQUEST_VERSION_OFFSET = HEADER_BYTES;
export const REQUEST_MODE_OFFSET = HEADER_BYTES + 1;
export const REQUEST_TOKEN_OFFSET = HEADER_BYTES + 2;
export const REQUEST_BODY_BYTES = 2 + TOKEN_BYTES;
export const REQUEST_BYTES = HEADER_BYTES + REQUEST_BODY_BYTES + TAG_BYTES;

/** Writes version, mode and token after the header; returns where the tag goes. */
export function writeRequestBody(packet: Uint8Array, mode: number, token: Uint8Array): number {
  packet[REQUEST_VERSION_OFFSET] = PROTOCOL_VERSION;
  packet[REQUEST_MODE_OFFSET] = mode;
  packet.set(token, REQUEST_TOKEN_OFFSET);
  return HEADER_BYTES + REQUEST_BODY_BYTES;
}

/**
 * A 48-bit number from the first six bytes of the token in a request, to find its
 * reservation without building a string per packet.
 */
export function tokenKeyAt(bytes: Uint8Array, offset: number): number {
  const low =
    (bytes[offset]! |
      (bytes[offset + 1]! << 8) |
      (bytes[offset + 2]! << 16) |
      (bytes[offset + 3]! << 24)) >>>
    0;
  const high = bytes[offset + 4]! | (bytes[offset + 5]! << 8);
  return high * 0x100000000 + low;
}

/** Whether the request's token equals `token` (tokens are not secret: no constant time). */
export function requestTokenEquals(packet: Uint8Array, token: Uint8Array): boolean {
  for (let i = 0; i < TOKEN_BYTES; i++) {
    if (packet[REQUEST_TOKEN_OFFSET + i] !== token[i]) return false;
  }
  return true;
}
