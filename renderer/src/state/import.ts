/**
 * The import screen's state, a slice of the one store (slices/import.ts, under `imp`), read and set
 * the way a store of its own would be: `useImport(selector)` in a component, and
 * `useImport.getState()` / `useImport.setState(patch)` outside one.
 */
import { useStore } from './store';
import type { ImportState } from './slices/import';

export { CUSTOM, classProblem, fieldsUnder, guessJsonMapping, guessMapping, routeMode, type Channel, type Cohort, type ImportState, type RouteMode } from './slices/import';

function useImportState(): ImportState;
function useImportState<T>(selector: (s: ImportState) => T): T;
function useImportState<T>(selector?: (s: ImportState) => T): T | ImportState {
  return useStore((s) => (selector ? selector(s.imp) : s.imp));
}

export const useImport = Object.assign(useImportState, {
  getState: (): ImportState => useStore.getState().imp,
  setState: (patch: Partial<ImportState>): void => useStore.setState((s) => ({ imp: { ...s.imp, ...patch } })),
});
