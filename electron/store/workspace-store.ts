/**
 * An open workspace file: its document in memory, every edit written at once in one transaction
 * with its undo record, undo and redo, Save As. The document is FORMAT.md's canonical form.
 */
import { DocumentError, readDocument, type WorkspaceDocument } from '../api/document.js';
import { copyWorkspaceFile, createWorkspaceFile, openWorkspaceFile, type Db, type OpenOptions, type WorkspaceFile } from './connection.js';
import { rowCountsOverLimits } from './counts.js';
import { StoreError } from './errors.js';
import { amendLast, apply, diff, historyInfo, record, stepBack, stepForward, type HistoryInfo } from './history.js';
import { readReportSettings, writeReportSettings, type ReportSettings } from './report-settings.js';
import { changedParts, readDocumentRows, writeDocumentRows, type DocumentParts } from './document-rows.js';
import { walSync, type WalSync } from './wal-sync.js';

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
  return new StoreError(
    code.startsWith('SQLITE_READONLY') ? 'READ_ONLY' : 'FILE_ERROR',
    path,
    `could not be saved: ${why} (${(e as Error).message}); nothing of this change was written, the file holds the last saved state`,
  );
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

const dataVersion = (db: Db): number => db.pragma('data_version', { simple: true }) as number;

export class WorkspaceStore {
  /** data_version when the document in memory was read: another connection's commit changes it. */
  private seen: number;

  /** Flushes the WAL to the disk after each commit (wal-sync.ts). */
  private wal: WalSync;

  private constructor(
    private file: WorkspaceFile,
    private doc: WorkspaceDocument,
    private readonly options: OpenOptions,
  ) {
    this.seen = dataVersion(file.db);
    this.wal = walSync(file.path, options.dataSync);
  }

  static open(path: string, options: OpenOptions = {}): WorkspaceStore {
    // The document is read (and checked against FORMAT.md) on the in-memory copy, before the file
    // is migrated or switched to WAL: a file whose document is refused is left as it was.
    const unreadable = (e: unknown): StoreError => new StoreError('CORRUPT_WORKSPACE', path, `cannot be read as a workspace (${(e as Error).message})`);
    const file = openWorkspaceFile(path, options, (db) => {
      let rows: WorkspaceDocument | null = null;
      let over: string | null;
      try {
        // The counts first (counts.ts): a file of a million rows is refused before they are read.
        over = rowCountsOverLimits(db);
        if (over === null) {
          rows = readDocumentRows(db);
          historyInfo(db);
        }
      } catch (e) {
        throw unreadable(e);
      }
      if (over !== null || rows === null) throw new StoreError('CORRUPT_WORKSPACE', path, `${over}; it was not opened`);
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
    const lost = this.wal.failure();
    if (lost)
      throw new StoreError(
        'FILE_ERROR',
        this.file.path,
        `could not be written to its disk (${lost.message}): the last change may be lost if the computer stops; nothing more is saved here, keep a copy elsewhere with Save As`,
      );
  }

  /** Resolves when the WAL of every commit so far has been flushed to the disk. */
  flushed(): Promise<void> {
    return this.wal.idle();
  }

  /**
   * The document as the file holds it now: when another connection (a second window's process, the
   * `tco` command, another app) committed since we last looked, it is read again. SQLite's
   * data_version changes exactly when another connection commits to the file.
   */
  refresh(): WorkspaceDocument {
    const seen = dataVersion(this.file.db);
    if (seen !== this.seen) {
      this.doc = readDocumentRows(this.file.db);
      this.seen = seen;
    }
    return this.doc;
  }

  /**
   * An edit made as a function of the document as it is when it commits: inside one write
   * transaction (BEGIN IMMEDIATE, so no other writer can commit between the read and the write) the
   * document is read again if another connection changed the file, `make` computes the next
   * document from it, and the change is written with its undo record (a patch on that document).
   * So no change of another window or process is ever overwritten. `make` may throw to refuse;
   * nothing is written then. Returns what `make` returns beside the document.
   *
   * `fold`: fold this edit into the last one when it has the same label and changes the same
   * places, and nothing is to redo (history.ts amendLast): the caller says when typing goes on.
   */
  update<T>(make: (current: WorkspaceDocument) => { label: string; next: WorkspaceDocument; value: T }, at: string, fold: boolean | ((label: string) => boolean) = false): T {
    this.writable();
    const db = this.file.db;
    let out: { value: T } | null = null;
    let written: { current: WorkspaceDocument; parts: DocumentParts } | null = null;
    try {
      db.transaction(() => {
        const current = this.refresh();
        const { label, next, value } = make(current);
        out = { value };
        const changes = diff(current, next);
        if (changes.length === 0) return;
        written = { current, parts: this.writeChanged(current, next, changes) };
        const folds = typeof fold === 'function' ? fold(label) : fold;
        if (!folds || !amendLast(db, label, changes, at)) record(db, label, changes, at);
      }).immediate();
    } catch (e) {
      throw writeFailure(this.file.path, e);
    }
    if (written !== null) this.wal.soon();
    this.readBack(written);
    return out!.value;
  }

  /**
   * Write what changed from `current` to `next` (inside the caller's transaction): the parts the
   * changes reach (document-rows.ts changedParts), so a keystroke in one vendor's price rewrites that
   * vendor's rows only.
   */
  private writeChanged(current: WorkspaceDocument, next: WorkspaceDocument, changes: readonly { p: readonly (string | number)[] }[]): DocumentParts {
    const parts = changedParts(
      current,
      next,
      changes.map((c) => c.p),
    );
    writeDocumentRows(this.file.db, next, parts);
    return parts;
  }

  /**
   * After a commit: the document in memory is what the file now holds, the parts written read back
   * from their rows (so it is exactly the file's canonical form) and the rest kept as it was.
   */
  private readBack(written: { current: WorkspaceDocument; parts: DocumentParts } | null): void {
    if (written !== null) this.doc = readDocumentRows(this.file.db, written.parts, written.current);
    this.seen = dataVersion(this.file.db);
  }

  /**
   * Write the next document with its undo record; nothing when it equals the current one. `next`
   * was computed from `document()`: when another connection has changed the file since, nothing is
   * written and the caller is told (a StoreError), never their change overwritten. Prefer update().
   */
  commit(label: string, next: WorkspaceDocument, at: string, fold = false): void {
    const base = this.doc;
    this.update(
      (current) => {
        if (current !== base)
          throw new StoreError(
            'FILE_ERROR',
            this.file.path,
            'was changed by another window or program while this change was being made; nothing of this change was written: the workspace now shows their change, make yours again',
          );
        return { label, next, value: undefined };
      },
      at,
      fold,
    );
  }

  /** The report's settings ("prepared for", "prepared by"): beside the document, not in it. */
  reportSettings(): ReportSettings {
    return readReportSettings(this.file.db);
  }

  /**
   * Save the report's settings at once, in one transaction of their own. They are not in the undo
   * history, which holds patches on the document (README.md in this folder says why).
   */
  setReportSettings(next: ReportSettings): ReportSettings {
    this.writable();
    const db = this.file.db;
    try {
      db.transaction(() => writeReportSettings(db, next)).immediate();
    } catch (e) {
      throw writeFailure(this.file.path, e);
    }
    this.wal.soon();
    return this.reportSettings();
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
    let written: { current: WorkspaceDocument; parts: DocumentParts } | null = null;
    const path = this.file.path;
    try {
      db.transaction(() => {
        const current = this.refresh();
        const entry = fromRecord(path, () => (direction === 'backward' ? stepBack(db) : stepForward(db)));
        if (!entry) return;
        label = entry.label;
        const next = fromRecord(path, () => {
          const d = apply(current, entry.changes, direction);
          readDocument(d);
          return d;
        });
        written = { current, parts: this.writeChanged(current, next, entry.changes) };
      }).immediate();
    } catch (e) {
      throw writeFailure(path, e);
    }
    if (written !== null) this.wal.soon();
    this.readBack(written);
    return label;
  }

  /** Save As: copy the file (history included) and go on in the copy. */
  saveAs(target: string, overwrite = false): void {
    copyWorkspaceFile(this.file, target, { overwrite });
    const next = openWorkspaceFile(target, this.options);
    this.file.db.close();
    this.file = next;
    this.wal = walSync(next.path, this.options.dataSync);
    this.doc = readDocumentRows(next.db);
    this.seen = dataVersion(next.db);
  }

  close(): void {
    if (this.file.db.open) this.file.db.close();
  }
}
