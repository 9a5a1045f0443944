/**
 * The typed edit: the names of the edits `workspace.edit` runs and, for each, the input it takes,
 * read from the contract's table (electron/api/operations.ts), so a screen's edit is checked against
 * the very schema the app checks it with, and no caller needs a cast.
 *
 * The input is the schema's input side (`z.input`): what is sent, before the app's parse fills in
 * defaults (`z.infer`, the parsed side, would ask for every defaulted field of a stream or vendor
 * being added). The handle is the store's, and so is the scenario: in one, the store adds its id.
 */
import type { z } from 'zod';
import type { WorkspaceDocument } from '../../../electron/api/document.js';
import type { ApiError } from '../../../electron/api/errors.js';
import type { EditOpName } from '../../../electron/api/op-names.js';
import type { Operations } from '../../../electron/api/operations.js';

export type EditOp = EditOpName;

/** What edit `K` takes, less the handle and the scenario (the store adds both). */
export type EditInput<K extends EditOp> = Omit<z.input<Operations[K]['input']>, 'handle' | 'scenario'>;

/** A patch of edit `K` (those that change a part of the document by some of its fields). */
export type EditPatch<K extends EditOp> = EditInput<K> extends { patch: infer P } ? P : never;

/**
 * The store's edit: one operation and its input. The input may be a function of the document: it is
 * then made when the edit is sent, after the edits queued before it have landed, so a patch that
 * rewrites a list (tiers, pass-through changes, seasonality) starts from the list as those edits
 * left it, not as drawn. Resolves to the error that refused the edit, or null.
 */
export type Edit = <K extends EditOp>(op: K, input: EditInput<K> | ((doc: WorkspaceDocument) => EditInput<K>)) => Promise<ApiError | null>;
