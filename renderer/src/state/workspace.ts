/**
 * The one store under the name the import screen's store (import.ts, a store of its own for now)
 * reaches it by. Everything else imports `useStore` from ./store.
 */
export { useStore as useWorkspace } from './store';
