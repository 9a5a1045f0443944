/**
 * Electron's security checklist, in one place: web preferences of every window, the CSP sent with
 * every response, permissions denied, navigation and new windows blocked, the IPC sender checked.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents, WebFrameMain } from 'electron';

/** The origin the renderer is served from (a custom, standard, secure scheme). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://tco`;

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export function webPreferences(preload: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

/** Send the CSP with every response and deny every permission (camera, notifications, …). */
export function secureSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP], 'X-Content-Type-Options': ['nosniff'] } });
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function isAppUrl(url: string): boolean {
  try {
    // By scheme and host: a custom scheme's `origin` is "null" to a plain URL parser.
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'tco' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** Block navigation away from the app, new windows and webviews in a web contents. */
export function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** An IPC call is trusted when it comes from the main frame of one of our windows, on the app's origin. */
export function isTrustedSender(frame: WebFrameMain | null | undefined, windows: readonly WebContents[]): boolean {
  if (!frame) return false;
  if (!isAppUrl(frame.url)) return false;
  if (frame.parent !== null) return false;
  return windows.some((wc) => wc.mainFrame === frame);
}
