/**
 * A model error: the workspace is well-formed but cannot be computed (a currency without a rate,
 * an SMS stream without segments, a route with no pilot and no default...). `path` is the JSON
 * path of the offending field in the workspace document, e.g. "$.vendors[1].quote.currency".
 */
export class ModelError extends Error {
  readonly code = 'MODEL_ERROR';
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = 'ModelError';
  }
}

/**
 * The caller's `stop` (ComputeOptions) answered true between two pieces of work: the computation
 * ends without a result. What it had finished stays in the EngineCache, whole; nothing else is kept.
 */
export class Stopped extends Error {
  readonly code = 'STOPPED';
  constructor() {
    super('the computation was stopped by its caller');
    this.name = 'Stopped';
  }
}

/** Ask the caller's `stop` (if any) between two pieces of work; Stopped when it answers true. */
export function stopIf(stop: (() => boolean) | undefined): void {
  if (stop?.()) throw new Stopped();
}
