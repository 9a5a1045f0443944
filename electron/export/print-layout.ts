/**
 * How the report is put on paper, the same for every printer (Chromium through playwright, Electron's
 * printToPDF): A4 portrait, backgrounds printed, 14 mm margins and 16 mm at the foot for the footer
 * (the report's title and "page N of M"). The report page's own width (report.css: 182 mm) is the
 * A4 width less these side margins, so its charts are drawn at the size they print.
 */
export const MARGINS_MM = { top: 14, right: 14, bottom: 16, left: 14 } as const;

export const HEADER_TEMPLATE = '<span></span>';

export const FOOTER_TEMPLATE =
  '<div style="width:100%;margin:0 14mm;font:7pt system-ui,sans-serif;color:#5c6570;display:flex;justify-content:space-between">' +
  '<span class="title"></span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>';

/** Millimetres to inches (Electron's printToPDF takes its margins in inches). */
export const mmToInches = (mm: number): number => mm / 25.4;
