/** Why a connection ended: the `reason` of every `disconnected` event. */
export const DisconnectReason = {
  /** Nothing verified arrived from the peer for `timeout` milliseconds. */
  TimedOut: 'timed-out',
  /** This side called `disconnect()` or `close()`. */
  Closed: 'closed',
  /** The peer said goodbye (a disconnect packet). */
  ClosedByPeer: 'closed-by-peer',
  /** The client sent requests for `connectTimeout` milliseconds and no answer came. */
  ConnectTimedOut: 'connect-timed-out',
  /** Client and server speak different protocol versions: the server denied the request. */
  DeniedVersion: 'denied-version',
  /**
   * Client and server run different security modes (sign / encrypt): the server denied
   * the request. Set the same `securityMode` on both.
   */
  DeniedSecurityMode: 'denied-security-mode',
  /** Server: a reserved slot's client did not connect within `reservationTimeout`. */
  ReservationExpired: 'reservation-expired',
} as const;

export type DisconnectReason = (typeof DisconnectReason)[keyof typeof DisconnectReason];

export const DISCONNECT_REASONS: readonly DisconnectReason[] = Object.values(DisconnectReason);
