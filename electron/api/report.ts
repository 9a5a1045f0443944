/**
 * The business-case report's contract: what the report page is given to draw (the document, every
 * number of `tco compute --json`, and the evidence statistics the page cannot compute itself), and
 * the printer that turns that page into a PDF. The renderer draws the page (renderer/report.html);
 * the services build the payload (electron/export/report-payload.ts); a printer is handed to
 * createApp by each transport: Chromium through playwright-core for the command line and the
 * browser host (electron/export/chromium-printer.ts), a hidden window for Electron
 * (electron/main/report-window.ts).
 */
import type { ComputeJson } from '../engine/result-json.js';
import type { WorkspaceDocument } from './document.js';

/** A proportion with its 95% Wilson score interval (MODEL.md section 10). */
export interface RateInterval {
  value: number;
  ci95: [number, number];
}

/** A vendor's pilots on one route, added together as the engine adds them (MODEL.md section 6). */
export interface PilotEvidence {
  /** The pilot route, e.g. `sms/US`. */
  route: string;
  /** How many pilot records were added together. */
  pilots: number;
  sent: number;
  delivered: number;
  /** Engaged messages of the pilots that counted engagement; null when none did. */
  engaged: number | null;
  /** Delivered messages of the pilots that counted engagement (the denominator of ER). */
  engagedOf: number;
  converted: number | null;
  optedOut: number | null;
  complained: number | null;
  /** delivered / sent; null when nothing was sent. */
  deliveryRate: RateInterval | null;
  /** engaged / engagedOf; null when engagement was not counted or nothing was delivered. */
  engagementRate: RateInterval | null;
  /** The stream routes whose rates this pilot gives (empty: it serves no stream of the workspace). */
  serves: string[];
}

export interface VendorEvidence {
  vendorId: string;
  pilots: PilotEvidence[];
}

/** The title page's "prepared for" and "prepared by" (empty: not printed), kept in the workspace file. */
export interface ReportPrepared {
  preparedFor: string;
  preparedBy: string;
}

export interface ReportPayload {
  format: 'tco-report';
  version: 1;
  /** When the report was made (ISO 8601). */
  generatedAt: string;
  /** The workspace, canonical (every field written out). */
  document: WorkspaceDocument;
  /** Every number of the model, with monthly rows, sensitivity, break-even and uncertainty. */
  result: ComputeJson;
  evidence: VendorEvidence[];
  /** Whom the report is prepared for and by (the workspace file's report settings). */
  prepared: ReportPrepared;
}

/** Turns the report page, given a payload, into the bytes of a PDF. */
export interface ReportPrinter {
  print(payload: ReportPayload): Promise<Uint8Array>;
}

/** What the report page puts on `window.tcoReport` for a printer to call. */
export interface ReportPageApi {
  /** Draw the report; resolves once every table and chart is drawn and it can be printed. */
  render(payload: ReportPayload): Promise<{ title: string }>;
}
