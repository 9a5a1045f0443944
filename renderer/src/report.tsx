/**
 * The report page (report.html): the business case drawn from a payload a printer hands it,
 * `window.tcoReport.render(payload)` (Chromium through playwright for the command line and the
 * browser host, a hidden window for Electron). It resolves once every table and chart is drawn, so
 * the printer can print at once. The page calls no API and loads nothing but its own files.
 */
import { Chart } from 'chart.js';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { ReportPageApi, ReportPayload } from '../../electron/api/report.js';
import { ReportDocument, reportTitle } from './features/report/ReportDocument';
import './styles.css';
import './features/report/report.css';

declare global {
  interface Window {
    tcoReport?: ReportPageApi;
  }
}

const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));

function check(payload: unknown): asserts payload is ReportPayload {
  const p = payload as Partial<ReportPayload> | null;
  if (!p || p.format !== 'tco-report' || p.version !== 1 || !p.result || !p.document || !Array.isArray(p.evidence)) {
    throw new Error('the report page was given something that is not a report payload (format "tco-report", version 1)');
  }
}

// Chart text sized for paper (the screen's 12 px is large beside 8 pt tables).
Chart.defaults.font.size = 9;

const root = createRoot(document.getElementById('root')!);

window.tcoReport = {
  async render(payload) {
    check(payload);
    const title = reportTitle(payload);
    document.title = title;
    flushSync(() => root.render(<ReportDocument payload={payload} />));
    // Charts are made in effects, drawn at once (animation off); wait until every canvas has its chart.
    for (let i = 0; i < 200; i++) {
      const canvases = [...document.querySelectorAll('canvas')];
      if (canvases.every((c) => Chart.getChart(c))) break;
      await nextTask();
    }
    await document.fonts.ready;
    await nextTask();
    return { title };
  },
};
