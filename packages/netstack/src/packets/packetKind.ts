/**
 * The kind of a packet: the low three bits of its first byte.
 * See `docs/packets.md` for the layout of each.
 */
export const PacketKind = {
  /** Client → server: asks to connect with a reserved token. */
  ConnectionRequest: 0,
  /** Server → client: the request was accepted; the connection is up. */
  ConnectionAccepted: 1,
  /** Server → client: a valid request was refused; one byte says why. */
  ConnectionDenied: 2,
  /** Either way: game data. */
  Payload: 3,
  /** Either way: nothing to say, but still here (and here are my acks). */
  Heartbeat: 4,
  /** Either way: the connection is over. */
  Disconnect: 5,
} as const;

export type PacketKind = (typeof PacketKind)[keyof typeof PacketKind];

/** Kinds 6 and 7 are unassigned: packets carrying them are dropped. */
export const PACKET_KIND_COUNT = 6;
