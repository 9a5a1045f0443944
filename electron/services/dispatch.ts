/**
 * One dispatch for every transport (Electron IPC, the browser host, the command line): look the
 * operation up in the contract's table, check the input against its schema, call its handler and
 * turn whatever goes wrong into a typed `{ code, message }` error. No transport has logic of its own.
 */
import { DocumentError, zodIssues } from '../api/document.js';
import { checkValueLimits } from '../api/limits.js';
import { OperationError, type ApiError, type ApiResult } from '../api/errors.js';
import { isOpName, operations, type OpName } from '../api/operations.js';
import { ModelError, Stopped } from '../engine/errors.js';
import { StoreError } from '../store/errors.js';
import { FileError } from './files.js';
import type { Handlers } from './handlers.js';

export type Dispatch = (op: string, rawInput: unknown) => Promise<ApiResult<unknown>>;

export function toApiError(e: unknown): ApiError {
  if (e instanceof OperationError) return e.toApiError();
  if (e instanceof DocumentError) {
    const first = e.issues[0]!;
    return { code: 'INVALID_DOCUMENT', message: e.message, path: first.path, field: first.field };
  }
  if (e instanceof ModelError)
    return {
      code: 'MODEL_ERROR',
      message: e.message,
      path: e.path,
      field:
        e.path
          .split(/[.[\]]/)
          .filter(Boolean)
          .pop() ?? '',
    };
  // Only the analyses thread stops a computation, when its workspace changed (analyses.ts).
  if (e instanceof Stopped) return { code: 'CANCELLED', message: 'compute: stopped, the workspace changed while it was computed' };
  if (e instanceof FileError) return { code: 'FILE_ERROR', message: e.message, file: e.file };
  if (e instanceof StoreError) return { code: e.code, message: e.message, file: e.file };
  if (e instanceof RangeError) return { code: 'INVALID_INPUT', message: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: `unexpected failure: ${message}` };
}

export function createDispatch(handlers: Handlers): Dispatch {
  return async (op, rawInput) => {
    if (!isOpName(op)) return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `no operation named ${JSON.stringify(op)}` } };
    // Depth, counts and size before the schema (limits.ts): a bomb is refused in time proportional
    // to what is read before its first limit, and the schema only sees bounded inputs.
    const over = checkValueLimits(rawInput ?? {});
    if (over) return { ok: false, error: { code: 'INVALID_INPUT', message: `${op}: ${over.path}: ${over.message}`, path: over.path, field: over.field } };
    const parsed = operations[op].input.safeParse(rawInput ?? {}, { reportInput: true });
    if (!parsed.success) {
      const first = zodIssues(parsed.error)[0]!;
      return { ok: false, error: { code: 'INVALID_INPUT', message: `${op}: ${first.path}: ${first.message}`, path: first.path, field: first.field } };
    }
    try {
      const handler = handlers[op as OpName] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (e) {
      return { ok: false, error: toApiError(e) };
    }
  };
}
