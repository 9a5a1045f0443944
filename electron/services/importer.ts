/**
 * The importer (electron/import), loaded by the first operation that needs it (an import, a
 * preview, the formats, a saved preset). A command that imports nothing never loads it: its
 * phone-number metadata (libphonenumber-js, some 300 modules) cost ~110 ms of CPU at every start
 * of `tco compute`.
 */
import type * as Import from '../import/index.js';

export type Importer = typeof Import;

let loading: Promise<Importer> | null = null;

export function importer(): Promise<Importer> {
  return (loading ??= import('../import/index.js'));
}
