import avro from 'avsc';
import type { Codec } from '../codec.js';
import type { Snapshot } from '../snapshot.js';

const schema = {
  type: 'record',
  name: 'Snapshot',
  fields: [
    { name: 'tick', type: 'long' },
    { name: 'serverTime', type: 'double' },
    {
      name: 'entities',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'Entity',
          fields: [
            { name: 'id', type: 'int' },
            { name: 'x', type: 'float' },
            { name: 'y', type: 'float' },
            { name: 'z', type: 'float' },
            { name: 'rotation', type: 'float' },
            { name: 'health', type: 'int' },
            { name: 'alive', type: 'boolean' },
            { name: 'visible', type: 'boolean' },
            { name: 'crouching', type: 'boolean' },
            { name: 'name', type: 'string' },
          ],
        },
      },
    },
  ],
} as const;

/** avsc (Avro) in its fastest form: `type.encode` into a reused buffer, `type.decode` from it. */
export function avscCodec(): Codec {
  const type = avro.Type.forSchema(schema as unknown as avro.Schema);
  const buffer = Buffer.alloc(8192);
  let length = 0;
  return {
    name: 'avsc (reused buffer)',
    encode(snapshot) {
      length = type.encode(snapshot, buffer, 0);
      if (length < 0) throw new RangeError('avsc: buffer too small');
      return length;
    },
    decode() {
      return type.decode(buffer, 0).value as Snapshot;
    },
  };
}
