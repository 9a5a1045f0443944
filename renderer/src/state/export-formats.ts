/** The export formats: what each is called and which save dialog asks for its file (pure, for the store and the panel). */
import type { ExportKind } from '../../../electron/api/bridge.js';

export type ExportFormat = 'pdf' | 'xlsx' | 'csv-compare' | 'csv-monthly';

export const EXPORT_FORMATS: Record<ExportFormat, { label: string; kind: ExportKind; ext: string; suffix: string }> = {
  pdf: { label: 'Business-case report (PDF)', kind: 'report', ext: 'pdf', suffix: ' business case' },
  xlsx: { label: 'TCO sheet (Excel)', kind: 'sheet', ext: 'xlsx', suffix: ' TCO' },
  'csv-compare': { label: 'Compare table (CSV)', kind: 'csv', ext: 'csv', suffix: ' compare' },
  'csv-monthly': { label: 'Monthly rows (CSV)', kind: 'csv', ext: 'csv', suffix: ' monthly' },
};
