/**
 * What the screens need of the model's vocabulary, one copy for every room: the channels and how a
 * route is written (engine/types.ts holds them; the renderer reaches the engine only through here).
 */
export { CHANNELS, routeKey } from '../engine/types.js';
