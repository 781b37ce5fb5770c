import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace bench. */
export namespace bench {

    /**
     * Properties of an Entity.
     * @deprecated Use bench.Entity.$Properties instead.
     */
    interface IEntity extends bench.Entity.$Properties {
    }

    /** Represents an Entity. */
    class Entity {

        /**
         * Constructs a new Entity.
         * @param [properties] Properties to set
         */
        constructor(properties?: bench.Entity.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Entity id. */
        id: number;

        /** Entity x. */
        x: number;

        /** Entity y. */
        y: number;

        /** Entity z. */
        z: number;

        /** Entity rotation. */
        rotation: number;

        /** Entity health. */
        health: number;

        /** Entity alive. */
        alive: boolean;

        /** Entity visible. */
        visible: boolean;

        /** Entity crouching. */
        crouching: boolean;

        /** Entity name. */
        name: string;

        /**
         * Encodes the specified Entity message. Does not implicitly {@link bench.Entity.verify|verify} messages.
         * @param message Entity message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: bench.Entity.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an Entity message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {bench.Entity & bench.Entity.$Shape} Entity
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): bench.Entity & bench.Entity.$Shape;

        /**
         * Gets the type url for Entity
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Entity {

        /** Properties of an Entity. */
        interface $Properties {

            /** Entity id */
            id?: (number|null);

            /** Entity x */
            x?: (number|null);

            /** Entity y */
            y?: (number|null);

            /** Entity z */
            z?: (number|null);

            /** Entity rotation */
            rotation?: (number|null);

            /** Entity health */
            health?: (number|null);

            /** Entity alive */
            alive?: (boolean|null);

            /** Entity visible */
            visible?: (boolean|null);

            /** Entity crouching */
            crouching?: (boolean|null);

            /** Entity name */
            name?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an Entity. */
        type $Shape = bench.Entity.$Properties;
    }

    /**
     * Properties of a Snapshot.
     * @deprecated Use bench.Snapshot.$Properties instead.
     */
    interface ISnapshot extends bench.Snapshot.$Properties {
    }

    /** Represents a Snapshot. */
    class Snapshot {

        /**
         * Constructs a new Snapshot.
         * @param [properties] Properties to set
         */
        constructor(properties?: bench.Snapshot.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Snapshot tick. */
        tick: number;

        /** Snapshot serverTime. */
        serverTime: number;

        /** Snapshot entities. */
        entities: bench.Entity.$Properties[];

        /**
         * Encodes the specified Snapshot message. Does not implicitly {@link bench.Snapshot.verify|verify} messages.
         * @param message Snapshot message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: bench.Snapshot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Snapshot message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {bench.Snapshot & bench.Snapshot.$Shape} Snapshot
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): bench.Snapshot & bench.Snapshot.$Shape;

        /**
         * Gets the type url for Snapshot
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Snapshot {

        /** Properties of a Snapshot. */
        interface $Properties {

            /** Snapshot tick */
            tick?: (number|null);

            /** Snapshot serverTime */
            serverTime?: (number|null);

            /** Snapshot entities */
            entities?: (bench.Entity.$Properties[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Snapshot. */
        type $Shape = bench.Snapshot.$Properties;
    }
}
