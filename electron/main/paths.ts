/**
 * The files the page may name (issue 18): a path reaches the services from the page only when the
 * user chose it in one of the app's dialogs, dropped or picked it on the page (the preload reports
 * what webUtils knows of a real File), gave it to the app (the command line, the OS's open-file, Open
 * Recent), or when it is in the app's own folders. The main process keeps that set; any other path
 * in an operation's input is refused with a sentence before the operation runs. A page that was
 * made to ask for /etc/passwd, or to write over a file the user never chose, gets nothing.
 */
import { resolve, sep } from 'node:path';
import type { ApiResult } from '../api/errors.js';
import type { Dispatch } from '../services/dispatch.js';

export class PathGrants {
  private readonly files = new Set<string>();
  private readonly folders: string[];

  /** `folders`: the app's own folders, anything inside which the page may name. */
  constructor(folders: readonly string[]) {
    this.folders = folders.map((f) => resolve(f));
  }

  /** A path the user chose (a dialog, a drop, the command line, Open Recent). An empty path is ignored. */
  grant(path: string): void {
    if (typeof path === 'string' && path !== '') this.files.add(resolve(path));
  }

  allows(path: string): boolean {
    const p = resolve(path);
    return this.files.has(p) || this.folders.some((f) => p.startsWith(f + sep));
  }
}

/** A refused path: the page sees an ApiResult like any other, naming the file and what to do. */
export function refusedPath(path: string): ApiResult<never> {
  return {
    ok: false,
    error: {
      code: 'FILE_ERROR',
      message: `${path}: refused: the app only opens or writes files chosen in its dialogs, dropped on its window, or in its own folder; choose the file with File › Open, Import or Export`,
      path: '$.path',
      field: 'path',
      file: path,
    },
  };
}

/**
 * The dispatch the page's IPC calls go through: an operation whose input names a file (`path`)
 * runs only when that file is allowed; the files of the recent list (the app's own record of what
 * the user opened) are allowed too.
 */
export function guardPaths(dispatch: Dispatch, grants: PathGrants, recent: () => Promise<readonly string[]>): Dispatch {
  return async (op, input) => {
    const path = input !== null && typeof input === 'object' ? (input as { path?: unknown }).path : undefined;
    if (typeof path === 'string' && !grants.allows(path)) {
      const known = (await recent()).map((p) => resolve(p));
      if (!known.includes(resolve(path))) return refusedPath(path);
    }
    return dispatch(op, input);
  };
}
