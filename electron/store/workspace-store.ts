/**
 * An open workspace file: its document in memory, every edit written at once in one transaction
 * with its undo record, undo and redo, Save As. The document is FORMAT.md's canonical form.
 */
import { DocumentError, readDocument, type WorkspaceDocument } from '../api/document.js';
import { copyWorkspaceFile, createWorkspaceFile, openWorkspaceFile, type OpenOptions, type WorkspaceFile } from './connection.js';
import { StoreError } from './errors.js';
import { amendLast, apply, diff, historyInfo, record, stepBack, stepForward, type HistoryInfo } from './history.js';
import { readDocumentRows, writeDocumentRows } from './rows.js';

/**
 * A write SQLite refused (the disk full, a write error, the file made read-only or locked under us),
 * as an error naming the file. The transaction was rolled back: the file holds the last saved state
 * and the document in memory is that state. Anything else (a constraint, a bug) is passed on.
 */
function writeFailure(path: string, e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return e;
  const why =
    code === 'SQLITE_FULL'
      ? 'the disk is full'
      : code.startsWith('SQLITE_IOERR')
        ? 'writing to the disk failed (the disk may be full)'
        : code.startsWith('SQLITE_READONLY')
          ? 'the file can no longer be written'
          : code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
            ? 'another program holds the file'
            : null;
  if (why === null) return e;
  return new StoreError(code.startsWith('SQLITE_READONLY') ? 'READ_ONLY' : 'FILE_ERROR', path, `could not be saved: ${why} (${(e as Error).message}); nothing of this change was written, the file holds the last saved state`);
}

/**
 * An undo record read from the file, or the document it gives, checked before anything is written:
 * a record this app never wrote (garbage, or one that would break FORMAT.md) is refused as damaged
 * instead of being written into the file. SQLite's own errors are passed on (writeFailure).
 */
function fromRecord<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    if (e instanceof StoreError || (typeof code === 'string' && code.startsWith('SQLITE_'))) throw e;
    throw new StoreError('CORRUPT_WORKSPACE', path, `has a damaged undo history (${(e as Error).message ?? String(e)}); nothing was changed`);
  }
}

export class WorkspaceStore {
  private constructor(
    private file: WorkspaceFile,
    private doc: WorkspaceDocument,
    private readonly options: OpenOptions,
  ) {}

  static open(path: string, options: OpenOptions = {}): WorkspaceStore {
    // The document is read (and checked against FORMAT.md) on the in-memory copy, before the file
    // is migrated or switched to WAL: a file whose document is refused is left as it was.
    const unreadable = (e: unknown): StoreError => new StoreError('CORRUPT_WORKSPACE', path, `cannot be read as a workspace (${(e as Error).message})`);
    const file = openWorkspaceFile(path, options, (db) => {
      let rows: WorkspaceDocument;
      try {
        rows = readDocumentRows(db);
        historyInfo(db);
      } catch (e) {
        throw unreadable(e);
      }
      try {
        readDocument(rows);
      } catch (e) {
        if (e instanceof DocumentError) throw new StoreError('CORRUPT_WORKSPACE', path, `holds a value this version does not accept: ${e.message}`);
        throw e;
      }
    });
    try {
      return new WorkspaceStore(file, readDocumentRows(file.db), options);
    } catch (e) {
      file.db.close();
      throw unreadable(e);
    }
  }

  static create(path: string, doc: WorkspaceDocument, options: OpenOptions & { overwrite?: boolean } = {}): WorkspaceStore {
    const file = createWorkspaceFile(path, (db) => writeDocumentRows(db, doc), options);
    return new WorkspaceStore(file, readDocumentRows(file.db), options);
  }

  get path(): string {
    return this.file.path;
  }

  get readOnly(): boolean {
    return this.file.readOnly;
  }

  get backup(): string | null {
    return this.file.backup;
  }

  get openedVersion(): number {
    return this.file.openedVersion;
  }

  document(): WorkspaceDocument {
    return this.doc;
  }

  history(): HistoryInfo {
    return historyInfo(this.file.db);
  }

  private writable(): void {
    if (this.file.readOnly) throw new StoreError('READ_ONLY', this.file.path, 'is read-only: changes cannot be saved (use Save As to keep a copy you can edit)');
  }

  /** Write the next document with its undo record; nothing when it equals the current one. */
  /**
   * `fold`: fold this edit into the last one when it has the same label and changes the same
   * places, and nothing is to redo (history.ts amendLast): the caller says when typing goes on.
   */
  commit(label: string, next: WorkspaceDocument, at: string, fold = false): void {
    this.writable();
    const changes = diff(this.doc, next);
    if (changes.length === 0) return;
    const db = this.file.db;
    try {
      db.transaction(() => {
        writeDocumentRows(db, next);
        if (!fold || !amendLast(db, label, changes, at)) record(db, label, changes, at);
      })();
    } catch (e) {
      throw writeFailure(this.file.path, e);
    }
    this.doc = readDocumentRows(db);
  }

  /** Undo the last edit; returns its label, or null when there is nothing to undo. */
  undo(): string | null {
    return this.step('backward');
  }

  redo(): string | null {
    return this.step('forward');
  }

  private step(direction: 'forward' | 'backward'): string | null {
    this.writable();
    const db = this.file.db;
    let label: string | null = null;
    const path = this.file.path;
    try {
      db.transaction(() => {
        const entry = fromRecord(path, () => (direction === 'backward' ? stepBack(db) : stepForward(db)));
        if (!entry) return;
        label = entry.label;
        const next = fromRecord(path, () => {
          const d = apply(this.doc, entry.changes, direction);
          readDocument(d);
          return d;
        });
        writeDocumentRows(db, next);
      })();
    } catch (e) {
      throw writeFailure(path, e);
    }
    if (label !== null) this.doc = readDocumentRows(db);
    return label;
  }

  /** Save As: copy the file (history included) and go on in the copy. */
  saveAs(target: string, overwrite = false): void {
    copyWorkspaceFile(this.file, target, { overwrite });
    const next = openWorkspaceFile(target, this.options);
    this.file.db.close();
    this.file = next;
    this.doc = readDocumentRows(next.db);
  }

  close(): void {
    if (this.file.db.open) this.file.db.close();
  }
}
