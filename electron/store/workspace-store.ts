/**
 * An open workspace file: its document in memory, every edit written at once in one transaction
 * with its undo record, undo and redo, Save As. The document is FORMAT.md's canonical form.
 */
import { DocumentError, readDocument, type WorkspaceDocument } from '../api/document.js';
import { copyWorkspaceFile, createWorkspaceFile, openWorkspaceFile, type OpenOptions, type WorkspaceFile } from './connection.js';
import { StoreError } from './errors.js';
import { apply, diff, historyInfo, record, stepBack, stepForward, type HistoryInfo } from './history.js';
import { readDocumentRows, writeDocumentRows } from './rows.js';

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
  commit(label: string, next: WorkspaceDocument, at: string): void {
    this.writable();
    const changes = diff(this.doc, next);
    if (changes.length === 0) return;
    const db = this.file.db;
    db.transaction(() => {
      writeDocumentRows(db, next);
      record(db, label, changes, at);
    })();
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
    db.transaction(() => {
      const entry = direction === 'backward' ? stepBack(db) : stepForward(db);
      if (!entry) return;
      label = entry.label;
      writeDocumentRows(db, apply(this.doc, entry.changes, direction));
    })();
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
