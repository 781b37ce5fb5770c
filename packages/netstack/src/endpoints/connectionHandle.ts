/**
 * Names one connection of a server (or the client's connection): a slot index and
 * the slot's generation, so a handle kept after its connection ended never reaches a
 * later connection in the same slot.
 */
export type ConnectionHandle = number & { readonly __connectionHandle: true };

/** Slots per server at most: the handle's low 16 bits are the slot index. */
export const MAX_SLOTS = 65_536;

export function makeHandle(slotIndex: number, generation: number): ConnectionHandle {
  return (generation * MAX_SLOTS + slotIndex) as ConnectionHandle;
}

export function handleSlotIndex(handle: ConnectionHandle): number {
  return handle % MAX_SLOTS;
}

export function handleGeneration(handle: ConnectionHandle): number {
  return Math.floor(handle / MAX_SLOTS);
}
