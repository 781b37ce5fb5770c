export * from './messages.gen.js';
export { ARENA_SIZE, type PlayerDelta, type PlayerInput, type Snapshot } from './messages.js';
export {
  applySnapshot,
  changesSince,
  type Position,
  toMetres,
  toWireUnits,
  type WorldView,
} from './worldView.js';
