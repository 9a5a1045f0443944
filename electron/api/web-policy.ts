/**
 * What every door that serves the renderer's pages agrees on, one copy: the desktop app's app://
 * handler (electron/main), the browser host (electron/host) and the report printer
 * (electron/export/chromium-printer.ts). The pages (renderer/index.html, report.html) carry the same
 * policy in a meta tag, checked equal by test/unit/web-policy.test.ts.
 *
 * The page may load its own scripts, styles, images and fonts and call nothing but its own origin.
 * No eval, no inline script, no plugins, no frames, no forms posting anywhere. Inline styles stay
 * allowed (style attributes set by the chart library); they cannot run code.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
] as const;

/** The Content-Security-Policy header of every page and file (frame-ancestors: headers only, a meta tag cannot carry it). */
export const CSP = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** The same policy as the pages' meta tag writes it. */
export const META_CSP = DIRECTIVES.join('; ');

/** The report page when printed: the same, and it calls nothing at all (its data is in the page). */
export const PRINT_CSP = CSP.replace("connect-src 'self'", "connect-src 'none'");

/** Content types by file extension, for the built renderer's files. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};
