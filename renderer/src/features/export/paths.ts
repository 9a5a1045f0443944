/** Export formats and default file names: pure, for the store and the panel (and tests). */
import type { ExportKind } from '../../../../electron/api/bridge.js';

export type ExportFormat = 'pdf' | 'xlsx' | 'csv-compare' | 'csv-monthly';

export const EXPORT_FORMATS: Record<ExportFormat, { label: string; kind: ExportKind; ext: string; suffix: string }> = {
  pdf: { label: 'Business-case report (PDF)', kind: 'report', ext: 'pdf', suffix: ' business case' },
  xlsx: { label: 'TCO sheet (Excel)', kind: 'sheet', ext: 'xlsx', suffix: ' TCO' },
  'csv-compare': { label: 'Compare table (CSV)', kind: 'csv', ext: 'csv', suffix: ' compare' },
  'csv-monthly': { label: 'Monthly rows (CSV)', kind: 'csv', ext: 'csv', suffix: ' monthly' },
};

/**
 * A default file beside the workspace file, named after the workspace:
 * "/w/rfp.tcows", "Retail RFP", pdf → "/w/Retail RFP business case.pdf". Characters a file name
 * cannot hold become "-"; without a name, the workspace file's own name is used.
 */
export function suggestedPath(workspacePath: string, name: string, format: ExportFormat): string {
  const slash = Math.max(workspacePath.lastIndexOf('/'), workspacePath.lastIndexOf('\\'));
  const folder = slash >= 0 ? workspacePath.slice(0, slash + 1) : '';
  const base = (name.trim() || workspacePath.slice(slash + 1).replace(/\.[^.]*$/, '') || 'workspace').replace(/[\\/:*?"<>|]+/g, '-');
  const f = EXPORT_FORMATS[format];
  return `${folder}${base}${f.suffix}.${f.ext}`;
}
