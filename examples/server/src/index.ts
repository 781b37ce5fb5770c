/** The example server as a library, for the end-to-end tests and the demo. */
export { ConfigError, HELP, isLoopback, parseConfig, type ServerConfig } from './config.js';
export { GameServer } from './gameServer.js';
export { GameWorld } from './gameWorld.js';
export { NetstackPrometheus } from './prometheus.js';
export { type RunningServer, startServer } from './startServer.js';
export { createTokenEndpoint, type ErrorResponse, type TokenResponse } from './tokenEndpoint.js';
