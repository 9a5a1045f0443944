/**
 * The renderer's one store, made of slices (zustand's slices pattern): the open workspace and its
 * computations (slices/workspace.ts), the evidence calculators (slices/evidence.ts), the exports
 * (slices/export.ts) and the report's settings (slices/report.ts). Each slice is written against
 * the whole store, so one reads another's state with `get()`; a screen selects what it shows.
 * The import screen's state (slices/import.ts) is kept under `imp`, its names being the screen's
 * own; ./import.ts reads it as `useImport`.
 */
import { create } from 'zustand';
import { createEvidenceSlice, type EvidenceSlice } from './slices/evidence';
import { createExportSlice, type ExportSlice } from './slices/export';
import { createImportSlice, type ImportSlice } from './slices/import';
import { createReportSlice, type ReportSlice } from './slices/report';
import { createWorkspaceSlice, type WorkspaceSlice } from './slices/workspace';

export type Store = WorkspaceSlice & EvidenceSlice & ExportSlice & ReportSlice & ImportSlice;

export const useStore = create<Store>()((...a) => ({
  ...createWorkspaceSlice(...a),
  ...createEvidenceSlice(...a),
  ...createExportSlice(...a),
  ...createReportSlice(...a),
  ...createImportSlice(...a),
}));
export type { Screen } from './slices/workspace';

/**
 * The store's revision alone, for the fields (EditField): thousands of them on the vendors screen
 * each subscribed to the whole store were each called on every change of it (every keystroke's
 * totals); this store changes only with the revision (undo, redo, another workspace opened).
 */
const revisionStore = create<{ revision: number }>()(() => ({ revision: useStore.getState().revision }));
useStore.subscribe((st) => {
  if (st.revision !== revisionStore.getState().revision) revisionStore.setState({ revision: st.revision });
});
export const useRevision = (): number => revisionStore((st) => st.revision);
