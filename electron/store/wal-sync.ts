/**
 * A workspace file is written with synchronous=NORMAL in WAL mode: a commit is in the WAL (and the
 * system's page cache) when it returns, without waiting for the disk. The disk is then asked for it
 * at once, off the edit's answer: the WAL's data is flushed (fdatasync) on libuv's thread pool right
 * after each commit. So an edit survives the app crashing or being killed at any moment, as with
 * synchronous=FULL; only the system crashing or the power failing in the few milliseconds between
 * the commit and the flush can lose that last edit, never the file's soundness (SQLite's WAL is
 * never half-applied). The keystroke no longer waits for the disk: 1–2 ms a commit on an SSD here,
 * more on a busy disk.
 *
 * A flush asked for while one runs is made after it, once for all commits made meanwhile (each
 * commit is followed by a flush that starts after it). A flush that fails (the disk answered an
 * error) is kept: the store refuses the next change with it, as it would a failed commit.
 */
import { open } from 'node:fs/promises';

/** Flush a file's data to its disk (fdatasync); the file may be gone (the WAL is removed at close). */
export type DataSync = (path: string) => Promise<void>;

export const dataSync: DataSync = async (path) => {
  let handle;
  try {
    // Opened for writing: Windows flushes only a file opened so.
    handle = await open(path, 'r+');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
};

export interface WalSync {
  /** After a commit: flush the WAL soon (now, or after the flush under way). */
  soon(): void;
  /** Resolves when every flush asked for so far is done. */
  idle(): Promise<void>;
  /** The error of a flush that failed, if one did. */
  failure(): Error | null;
}

export function walSync(databasePath: string, sync: DataSync = dataSync): WalSync {
  const wal = `${databasePath}-wal`;
  let running: Promise<void> | null = null;
  let again = false;
  let failed: Error | null = null;
  const run = async () => {
    do {
      again = false;
      try {
        await sync(wal);
      } catch (e) {
        failed ??= e instanceof Error ? e : new Error(String(e));
      }
    } while (again);
    running = null;
  };
  return {
    soon: () => {
      if (running) again = true;
      else running = run();
    },
    idle: async () => {
      while (running) await running;
    },
    failure: () => failed,
  };
}
