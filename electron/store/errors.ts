/** Why a workspace file cannot be opened or written, named for the person who picked it. */
export type StoreErrorCode = 'FILE_ERROR' | 'NOT_A_WORKSPACE' | 'CORRUPT_WORKSPACE' | 'NEWER_WORKSPACE' | 'READ_ONLY';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'StoreError';
  }
}
