/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const bench = $root.bench = (() => {

    /**
     * Namespace bench.
     * @exports bench
     * @namespace
     */
    const bench = {};

    bench.Entity = (function() {

        /**
         * Properties of an Entity.
         * @typedef {Object} bench.Entity.$Properties
         * @property {number|null} [id] Entity id
         * @property {number|null} [x] Entity x
         * @property {number|null} [y] Entity y
         * @property {number|null} [z] Entity z
         * @property {number|null} [rotation] Entity rotation
         * @property {number|null} [health] Entity health
         * @property {boolean|null} [alive] Entity alive
         * @property {boolean|null} [visible] Entity visible
         * @property {boolean|null} [crouching] Entity crouching
         * @property {string|null} [name] Entity name
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Entity.
         * @memberof bench
         * @interface IEntity
         * @augments bench.Entity.$Properties
         * @deprecated Use bench.Entity.$Properties instead.
         */

        /**
         * Shape of an Entity.
         * @typedef {bench.Entity.$Properties} bench.Entity.$Shape
         */

        /**
         * Constructs a new Entity.
         * @memberof bench
         * @classdesc Represents an Entity.
         * @constructor
         * @param {bench.Entity.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Entity = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Entity id.
         * @member {number} id
         * @memberof bench.Entity
         * @instance
         */
        Entity.prototype.id = 0;

        /**
         * Entity x.
         * @member {number} x
         * @memberof bench.Entity
         * @instance
         */
        Entity.prototype.x = 0;

        /**
         * Entity y.
         * @member {number} y
         * @memberof bench.Entity
         * @instance
         */
        Entity.prototype.y = 0;

        /**
         * Entity z.
         * @member {number} z
         * @memberof bench.Entity
         * @instance
         */
        Entity.prototype.z = 0;

        /**
         * Entity rotation.
         * @member {number} rotation
         * @memberof bench.Entity
         * @instance
         */
        Entity.prototype.rotation = 0;

        /**
         * Entity health.
         * @member {number} health
         * @memberof bench.Entity
         * @instance
         */
        Entity.prototype.health = 0;

        /**
         * Entity alive.
         * @member {boolean} alive
         * @memberof bench.Entity
         * @instance
         */
        Entity.prototype.alive = false;

        /**
         * Entity visible.
         * @member {boolean} visible
         * @memberof bench.Entity
         * @instance
         */
        Entity.prototype.visible = false;

        /**
         * Entity crouching.
         * @member {boolean} crouching
         * @memberof bench.Entity
         * @instance
         */
        Entity.prototype.crouching = false;

        /**
         * Entity name.
         * @member {string} name
         * @memberof bench.Entity
         * @instance
         */
        Entity.prototype.name = "";

        /**
         * Encodes the specified Entity message. Does not implicitly {@link bench.Entity.verify|verify} messages.
         * @function encode
         * @memberof bench.Entity
         * @static
         * @param {bench.Entity.$Properties} message Entity message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Entity.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.id);
            if (message.x != null && $Object.hasOwnProperty.call(message, "x") && !$Object.is(message.x, 0))
                writer.uint32(/* id 2, wireType 5 =*/21).float(message.x);
            if (message.y != null && $Object.hasOwnProperty.call(message, "y") && !$Object.is(message.y, 0))
                writer.uint32(/* id 3, wireType 5 =*/29).float(message.y);
            if (message.z != null && $Object.hasOwnProperty.call(message, "z") && !$Object.is(message.z, 0))
                writer.uint32(/* id 4, wireType 5 =*/37).float(message.z);
            if (message.rotation != null && $Object.hasOwnProperty.call(message, "rotation") && !$Object.is(message.rotation, 0))
                writer.uint32(/* id 5, wireType 5 =*/45).float(message.rotation);
            if (message.health != null && $Object.hasOwnProperty.call(message, "health") && message.health !== 0)
                writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.health);
            if (message.alive != null && $Object.hasOwnProperty.call(message, "alive") && message.alive !== false)
                writer.uint32(/* id 7, wireType 0 =*/56).bool(message.alive);
            if (message.visible != null && $Object.hasOwnProperty.call(message, "visible") && message.visible !== false)
                writer.uint32(/* id 8, wireType 0 =*/64).bool(message.visible);
            if (message.crouching != null && $Object.hasOwnProperty.call(message, "crouching") && message.crouching !== false)
                writer.uint32(/* id 9, wireType 0 =*/72).bool(message.crouching);
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(/* id 10, wireType 2 =*/82).string(message.name);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an Entity message from the specified reader or buffer.
         * @function decode
         * @memberof bench.Entity
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {bench.Entity & bench.Entity.$Shape} Entity
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Entity.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.bench.Entity();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.id = value;
                        else
                            delete message.id;
                        continue;
                    }
                case 2: {
                        if (wireType !== 5)
                            break;
                        if (!$Object.is(value = reader.float(), 0))
                            message.x = value;
                        else
                            delete message.x;
                        continue;
                    }
                case 3: {
                        if (wireType !== 5)
                            break;
                        if (!$Object.is(value = reader.float(), 0))
                            message.y = value;
                        else
                            delete message.y;
                        continue;
                    }
                case 4: {
                        if (wireType !== 5)
                            break;
                        if (!$Object.is(value = reader.float(), 0))
                            message.z = value;
                        else
                            delete message.z;
                        continue;
                    }
                case 5: {
                        if (wireType !== 5)
                            break;
                        if (!$Object.is(value = reader.float(), 0))
                            message.rotation = value;
                        else
                            delete message.rotation;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.health = value;
                        else
                            delete message.health;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.alive = value;
                        else
                            delete message.alive;
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.visible = value;
                        else
                            delete message.visible;
                        continue;
                    }
                case 9: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.crouching = value;
                        else
                            delete message.crouching;
                        continue;
                    }
                case 10: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.name = value;
                        else
                            delete message.name;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Gets the type url for Entity
         * @function getTypeUrl
         * @memberof bench.Entity
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Entity.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/bench.Entity";
        };

        return Entity;
    })();

    bench.Snapshot = (function() {

        /**
         * Properties of a Snapshot.
         * @typedef {Object} bench.Snapshot.$Properties
         * @property {number|null} [tick] Snapshot tick
         * @property {number|null} [serverTime] Snapshot serverTime
         * @property {Array.<bench.Entity.$Properties>|null} [entities] Snapshot entities
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Snapshot.
         * @memberof bench
         * @interface ISnapshot
         * @augments bench.Snapshot.$Properties
         * @deprecated Use bench.Snapshot.$Properties instead.
         */

        /**
         * Shape of a Snapshot.
         * @typedef {bench.Snapshot.$Properties} bench.Snapshot.$Shape
         */

        /**
         * Constructs a new Snapshot.
         * @memberof bench
         * @classdesc Represents a Snapshot.
         * @constructor
         * @param {bench.Snapshot.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Snapshot = function (properties) {
            this.entities = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Snapshot tick.
         * @member {number} tick
         * @memberof bench.Snapshot
         * @instance
         */
        Snapshot.prototype.tick = 0;

        /**
         * Snapshot serverTime.
         * @member {number} serverTime
         * @memberof bench.Snapshot
         * @instance
         */
        Snapshot.prototype.serverTime = 0;

        /**
         * Snapshot entities.
         * @member {Array.<bench.Entity.$Properties>} entities
         * @memberof bench.Snapshot
         * @instance
         */
        Snapshot.prototype.entities = $util.emptyArray;

        /**
         * Encodes the specified Snapshot message. Does not implicitly {@link bench.Snapshot.verify|verify} messages.
         * @function encode
         * @memberof bench.Snapshot
         * @static
         * @param {bench.Snapshot.$Properties} message Snapshot message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Snapshot.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.tick != null && $Object.hasOwnProperty.call(message, "tick") && message.tick !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.tick);
            if (message.serverTime != null && $Object.hasOwnProperty.call(message, "serverTime") && !$Object.is(message.serverTime, 0))
                writer.uint32(/* id 2, wireType 1 =*/17).double(message.serverTime);
            if (message.entities != null && message.entities.length)
                for (let i = 0; i < message.entities.length; ++i)
                    $root.bench.Entity.encode(message.entities[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Snapshot message from the specified reader or buffer.
         * @function decode
         * @memberof bench.Snapshot
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {bench.Snapshot & bench.Snapshot.$Shape} Snapshot
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Snapshot.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.bench.Snapshot();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.tick = value;
                        else
                            delete message.tick;
                        continue;
                    }
                case 2: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.serverTime = value;
                        else
                            delete message.serverTime;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if (!(message.entities && message.entities.length))
                            message.entities = [];
                        message.entities.push($root.bench.Entity.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Gets the type url for Snapshot
         * @function getTypeUrl
         * @memberof bench.Snapshot
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Snapshot.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/bench.Snapshot";
        };

        return Snapshot;
    })();

    return bench;
})();

export {
  $root as default
};
