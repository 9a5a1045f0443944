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
