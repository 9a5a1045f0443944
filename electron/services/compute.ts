/** Compute a workspace document into the `tco compute --json` object of FORMAT.md. */
import { readDocument } from '../api/document.js';
import { compute, computeJson, type ComputeOptions } from '../engine/index.js';

export function computeDocument(raw: unknown, opts: ComputeOptions = {}): ReturnType<typeof computeJson> {
  return computeJson(compute(readDocument(raw), opts));
}
