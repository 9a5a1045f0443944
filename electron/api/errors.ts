/**
 * Typed errors of the contract. Every failure reaches a transport as `{ code, message }` (plus where
 * it is known the JSON path, the field and the file), with a message a person can act on.
 */
export const ERROR_CODES = [
  'UNKNOWN_OPERATION', // no such operation in the table
  'INVALID_INPUT', // the input does not match the operation's schema (path and field named)
  'INVALID_DOCUMENT', // the edit or document would break FORMAT.md (path and field named)
  'MODEL_ERROR', // the workspace cannot be computed (a currency without a rate...)
  'NOT_FOUND', // no open workspace with that handle, no stream or vendor with that id, no route at that index
  'FILE_ERROR', // a file cannot be read or written (named)
  'NOT_A_WORKSPACE', // the file is not a workspace file (not SQLite, another app's database)
  'CORRUPT_WORKSPACE', // the file is a damaged workspace
  'NEWER_WORKSPACE', // written by a newer version of the app
  'READ_ONLY', // the file can only be read
  'NOTHING_TO_UNDO',
  'NOTHING_TO_REDO',
  'CANCELLED', // the user cancelled a long operation (an import): nothing was changed
  'INTERNAL', // a bug: the message says what failed
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  path?: string;
  field?: string;
  file?: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** An error a handler throws on purpose; dispatch turns it into an ApiError. */
export class OperationError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { path?: string; field?: string; file?: string } = {},
  ) {
    super(message);
    this.name = 'OperationError';
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, ...this.extra };
  }
}
