/** The report (PDF), the workbook and the CSV tables, of an open workspace or a document. */
import { canonicalDocument } from '../../api/document.js';
import { exportReportPdf } from '../report.js';
import { exportCsvFile, exportXlsxFile } from '../exports.js';
import { readDocumentAt, type Context, type HandlerTable } from './context.js';

export function exportingHandlers(ctx: Context): HandlerTable<'export.pdf' | 'export.xlsx' | 'export.csv'> {
  const { options, now, session } = ctx;
  return {
    'export.pdf': (i) => {
      const opts = { draws: i.draws, seed: i.seed };
      if (i.handle !== undefined) {
        const s = session(i.handle);
        return exportReportPdf({ ws: s.ws, document: s.store.document(), cache: s.cache, prepared: s.store.reportSettings() }, i.path, opts, options.printer, now);
      }
      const ws = readDocumentAt(i.document, '$.document');
      return exportReportPdf({ ws, document: canonicalDocument(ws) }, i.path, opts, options.printer, now);
    },
    'export.xlsx': (i) => {
      const opts = { draws: i.draws, seed: i.seed };
      if (i.handle !== undefined) return exportXlsxFile({ ws: session(i.handle).ws, cache: session(i.handle).cache }, i.path, opts);
      return exportXlsxFile({ ws: readDocumentAt(i.document, '$.document') }, i.path, opts);
    },
    'export.csv': (i) => {
      const opts = { draws: i.draws, seed: i.seed };
      if (i.handle !== undefined) return exportCsvFile({ ws: session(i.handle).ws, cache: session(i.handle).cache }, i.path, i.table, opts);
      return exportCsvFile({ ws: readDocumentAt(i.document, '$.document') }, i.path, i.table, opts);
    },
  };
}
