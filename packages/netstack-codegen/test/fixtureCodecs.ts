import type { Reader, Writer } from '@netstack/core/serialization';
import * as gen from './fixtures/game.gen.js';

/** One generated codec of the fixtures, by name: what the table-driven tests loop over. */
export interface FixtureCodec {
  name: string;
  encode: (w: Writer, v: never) => void;
  decode: (r: Reader) => unknown;
  sizeOf: (v: never) => number;
  maxSize: number;
}

/** Every message and union of `game.gen.ts`. */
export const fixtureCodecs: FixtureCodec[] = [
  {
    name: 'Vec3',
    encode: gen.encodeVec3,
    decode: gen.decodeVec3,
    sizeOf: gen.sizeOfVec3,
    maxSize: gen.maxSizeOfVec3,
  },
  {
    name: 'Scalars',
    encode: gen.encodeScalars,
    decode: gen.decodeScalars,
    sizeOf: gen.sizeOfScalars,
    maxSize: gen.maxSizeOfScalars,
  },
  {
    name: 'Player',
    encode: gen.encodePlayer,
    decode: gen.decodePlayer,
    sizeOf: gen.sizeOfPlayer,
    maxSize: gen.maxSizeOfPlayer,
  },
  {
    name: 'Extras',
    encode: gen.encodeExtras,
    decode: gen.decodeExtras,
    sizeOf: gen.sizeOfExtras,
    maxSize: gen.maxSizeOfExtras,
  },
  {
    name: 'Greeting',
    encode: gen.encodeGreeting,
    decode: gen.decodeGreeting,
    sizeOf: gen.sizeOfGreeting,
    maxSize: gen.maxSizeOfGreeting,
  },
  {
    name: 'Ping',
    encode: gen.encodePing,
    decode: gen.decodePing,
    sizeOf: gen.sizeOfPing,
    maxSize: gen.maxSizeOfPing,
  },
  {
    name: 'Empty',
    encode: gen.encodeEmpty,
    decode: gen.decodeEmpty,
    sizeOf: gen.sizeOfEmpty,
    maxSize: gen.maxSizeOfEmpty,
  },
  {
    name: 'Shape',
    encode: gen.encodeShape,
    decode: gen.decodeShape,
    sizeOf: gen.sizeOfShape,
    maxSize: gen.maxSizeOfShape,
  },
  {
    name: 'Marker',
    encode: gen.encodeMarker,
    decode: gen.decodeMarker,
    sizeOf: gen.sizeOfMarker,
    maxSize: gen.maxSizeOfMarker,
  },
  {
    name: 'Message',
    encode: gen.encodeMessage,
    decode: gen.decodeMessage,
    sizeOf: gen.sizeOfMessage,
    maxSize: gen.maxSizeOfMessage,
  },
];
