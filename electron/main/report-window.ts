/**
 * The report printer under Electron: a hidden window on the app's own origin loads the report page
 * (app://tco/report.html, built beside index.html), is handed the payload through
 * `window.tcoReport.render`, and is printed with printToPDF; the window is destroyed after each
 * report, whatever happens. The services call it through the ReportPrinter interface (export.pdf),
 * so they never see electron.
 *
 * Security: the window has the main window's web preferences (security.ts: context isolation,
 * sandbox, no node, web security, no webviews...), less the preload: the report page calls no API,
 * so it gets no bridge. It loads only the app's origin; navigation, new windows and permissions are
 * refused for it as for every web contents (lockDown and secureSession in index.ts). Background
 * throttling is off so a hidden page's timers run at full speed (not a security setting).
 */
import type { BrowserWindowConstructorOptions, WebContents, WebPreferences } from 'electron';
import type { ReportPayload, ReportPrinter } from '../api/report.js';
import { FOOTER_TEMPLATE, HEADER_TEMPLATE, MARGINS_MM, mmToInches } from '../export/print-layout.js';
import { APP_ORIGIN, webPreferences } from './security.js';

export const REPORT_URL = `${APP_ORIGIN}/report.html`;

/** What this file uses of a BrowserWindow (so tests can give a fake one). */
export interface ReportWindowLike {
  loadURL(url: string): Promise<void>;
  destroy(): void;
  isDestroyed(): boolean;
  webContents: Pick<WebContents, 'executeJavaScript' | 'printToPDF'>;
}

export interface ReportWindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => ReportWindowLike;
  /** The main window's preload: its web preferences are copied, the preload itself left out. */
  preload: string;
  url?: string;
  /** Give up after this long (load, draw and print); default 60 s. */
  timeoutMs?: number;
}

/** The main window's web preferences, without the preload and without background throttling. */
export function reportWebPreferences(preload: string): WebPreferences {
  const { preload: _bridge, ...prefs } = webPreferences(preload);
  void _bridge;
  return { ...prefs, backgroundThrottling: false };
}

/** A hidden A4-wide window (794 px at 96 dpi), painted though never shown. */
export function reportWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return { show: false, width: 794, height: 1123, paintWhenInitiallyHidden: true, title: 'Business case', webPreferences: reportWebPreferences(preload) };
}

/** The script that waits for the page's API and draws the payload (executeJavaScript resolves with its promise). */
export function renderScript(payload: ReportPayload): string {
  return `(async () => {
  for (let i = 0; i < 200 && !window.tcoReport; i++) await new Promise((r) => setTimeout(r, 25));
  if (!window.tcoReport) throw new Error('the report page did not load (is report.html built?)');
  return window.tcoReport.render(${JSON.stringify(payload)});
})()`;
}

/** printToPDF's options: A4, backgrounds, the footer, margins in inches (Electron's unit for printToPDF). */
export const PDF_OPTIONS = {
  pageSize: 'A4',
  printBackground: true,
  preferCSSPageSize: false,
  margins: { top: mmToInches(MARGINS_MM.top), right: mmToInches(MARGINS_MM.right), bottom: mmToInches(MARGINS_MM.bottom), left: mmToInches(MARGINS_MM.left) },
  displayHeaderFooter: true,
  headerTemplate: HEADER_TEMPLATE,
  footerTemplate: FOOTER_TEMPLATE,
  generateDocumentOutline: true,
  generateTaggedPDF: true,
} as const;

export function createReportPrinter(deps: ReportWindowDeps): ReportPrinter {
  const url = deps.url ?? REPORT_URL;
  const timeoutMs = deps.timeoutMs ?? 60_000;
  return {
    async print(payload) {
      const w = new deps.BrowserWindow(reportWindowOptions(deps.preload));
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, fail) => {
        timer = setTimeout(() => fail(new Error(`the report page took longer than ${Math.round(timeoutMs / 1000)} s to draw and print`)), timeoutMs);
      });
      try {
        const work = (async () => {
          try {
            await w.loadURL(url);
          } catch (e) {
            throw new Error(`could not load the report page ${url}: ${(e as Error).message}`);
          }
          try {
            await w.webContents.executeJavaScript(renderScript(payload));
          } catch (e) {
            throw new Error(`the report page could not draw the report: ${(e as Error).message}`);
          }
          const pdf = await w.webContents.printToPDF({ ...PDF_OPTIONS, margins: { ...PDF_OPTIONS.margins } });
          return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
        })();
        return await Promise.race([work, timeout]);
      } finally {
        clearTimeout(timer);
        if (!w.isDestroyed()) w.destroy();
      }
    },
  };
}
