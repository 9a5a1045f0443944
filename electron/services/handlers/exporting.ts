/**
 * The report (PDF), the workbook and the CSV tables, of an open workspace or a document. Their
 * modules (the workbook's writer, the report's payload and page counter) are loaded by the first
 * export, so the commands and the app start without them.
 */
import { canonicalDocument } from '../../api/document.js';
import { readDocumentAt, type Context, type HandlerTable } from './context.js';

const report = () => import('../report.js');
const exports = () => import('../exports.js');

export function exportingHandlers(ctx: Context): HandlerTable<'export.pdf' | 'export.xlsx' | 'export.csv'> {
  const { options, now, session } = ctx;
  return {
    'export.pdf': async (i) => {
      const opts = { draws: i.draws, seed: i.seed };
      const src = i.handle !== undefined ? session(i.handle) : null;
      const { exportReportPdf } = await report();
      if (src) return exportReportPdf({ ws: src.ws, document: src.store.document(), cache: src.cache, prepared: src.store.reportSettings() }, i.path, opts, options.printer, now);
      const ws = readDocumentAt(i.document, '$.document');
      return exportReportPdf({ ws, document: canonicalDocument(ws) }, i.path, opts, options.printer, now);
    },
    'export.xlsx': async (i) => {
      const opts = { draws: i.draws, seed: i.seed };
      const src = i.handle !== undefined ? session(i.handle) : null;
      const { exportXlsxFile } = await exports();
      if (src) return exportXlsxFile({ ws: src.ws, cache: src.cache }, i.path, opts);
      return exportXlsxFile({ ws: readDocumentAt(i.document, '$.document') }, i.path, opts);
    },
    'export.csv': async (i) => {
      const opts = { draws: i.draws, seed: i.seed };
      const src = i.handle !== undefined ? session(i.handle) : null;
      const { exportCsvFile } = await exports();
      if (src) return exportCsvFile({ ws: src.ws, cache: src.cache }, i.path, i.table, opts);
      return exportCsvFile({ ws: readDocumentAt(i.document, '$.document') }, i.path, i.table, opts);
    },
  };
}
