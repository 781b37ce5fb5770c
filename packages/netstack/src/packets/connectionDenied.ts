/**
 * The body of a connection denial (server → client): one byte, the reason.
 *
 * ```
 *  offset  size  field
 *  0       8     header (kind 2)
 *  8       1     reason (below)
 *  9       16    tag under the server → client key
 * ```
 *
 * Sent only in answer to a request whose tag verified, so the client can trust it.
 */
import { DisconnectReason } from '../connection/disconnectReason.js';

export const DenialReason = {
  /** The client speaks another protocol version. */
  VersionMismatch: 1,
  /** The client asked for another security mode (sign / encrypt) than the server runs. */
  SecurityModeMismatch: 2,
} as const;

export type DenialReason = (typeof DenialReason)[keyof typeof DenialReason];

export const DENIED_BODY_BYTES = 1;

/** The reason both ends report for a denial (an unknown code reads as a version mismatch). */
export function denialToReason(reason: number): DisconnectReason {
  return reason === DenialReason.SecurityModeMismatch
    ? DisconnectReason.DeniedSecurityMode
    : DisconnectReason.DeniedVersion;
}
