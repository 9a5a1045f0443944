/**
 * Every file the services write (the JSON document, the PDF report, saved import presets, the sheet
 * and the CSV tables) goes through the exports' one writer: a temporary file beside it, flushed,
 * then renamed over it, so the file is whole or as it was. A failure is a FILE_ERROR naming the
 * file with a reason in words ("no space left on the device, ENOSPC"), never a bare errno.
 */
import { OperationError } from '../api/errors.js';
import { ExportFileError, writeFileAtomic } from '../export/write-file.js';

/** An export's write failure as the contract's FILE_ERROR; anything else as it is. */
export function asFileError(e: unknown): unknown {
  return e instanceof ExportFileError ? new OperationError('FILE_ERROR', e.message, { file: e.file }) : e;
}

export function writeFileWhole(path: string, data: string | Uint8Array): void {
  try {
    writeFileAtomic(path, data);
  } catch (e) {
    throw asFileError(e);
  }
}
