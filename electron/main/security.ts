/**
 * Electron's security checklist in one place: the web preferences of every window, the
 * Content-Security-Policy, permissions denied, navigation, new windows and webviews blocked, and the
 * check that an IPC call comes from the main frame of one of our windows on the app's origin.
 * Each piece takes the electron objects it works on, so it runs under vitest with electron mocked.
 */
import type { Session, WebContents, WebFrameMain, WebPreferences } from 'electron';
import { CSP } from '../api/web-policy.js';

/** The renderer is served on a custom scheme registered standard and secure: `app://tco/…`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tco';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The pages' Content-Security-Policy: the one the browser host and the printer send too (electron/api/web-policy.ts). */
export { CSP };

/** Headers sent with every page and file of the renderer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

export function webPreferences(preload: string): WebPreferences {
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
    safeDialogs: true,
    spellcheck: true,
    // No auxclick events: a middle click cannot be turned into a navigation or a new window.
    disableBlinkFeatures: 'Auxclick',
  };
}

type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/**
 * Send the CSP with every http(s) response and deny every permission (camera, notifications,
 * clipboard reading, …). webRequest does not see custom protocols, so the app:// handler sets the
 * same headers itself (protocol.ts); this covers anything else the session might load.
 */
export function secureSession(session: SessionLike): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(details.responseHeaders ?? {})) {
      // Drop a CSP the response brought along: ours is the one that applies.
      if (k.toLowerCase() !== 'content-security-policy') headers[k] = v;
    }
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) headers[k] = [v];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Whether a URL is on the app's origin (by scheme and host: a plain URL parser gives a custom scheme the origin "null"). */
export function isAppUrl(url: string, origin: string = APP_ORIGIN): boolean {
  try {
    const u = new URL(url);
    const o = new URL(origin);
    return u.protocol === o.protocol && u.host === o.host && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

type ContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Every web contents: no navigation away from the app, no new windows, no webviews. */
export function lockDown(contents: ContentsLike, origin: string = APP_ORIGIN): void {
  // The target is on the event (details.url); the second argument is its older, deprecated form.
  const target = (details: { url?: string }, url?: string): string => details.url ?? url ?? '';
  contents.on('will-navigate', (details, url) => {
    if (!isAppUrl(target(details, url), origin)) details.preventDefault();
  });
  contents.on('will-redirect', (details, url) => {
    if (!isAppUrl(target(details, url), origin)) details.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

type FrameLike = Pick<WebFrameMain, 'url' | 'parent'> & Partial<Pick<WebFrameMain, 'processId' | 'frameTreeNodeId'>>;

function sameFrame(a: FrameLike, b: FrameLike): boolean {
  if (a === b) return true;
  return typeof a.frameTreeNodeId === 'number' && a.frameTreeNodeId === b.frameTreeNodeId && a.processId === b.processId;
}

/**
 * An IPC call is trusted when its frame still exists, shows a page of the app's origin, is a main
 * frame (not an iframe), and is the main frame of one of our windows.
 */
export function isTrustedSender(frame: FrameLike | null | undefined, windows: readonly { mainFrame: FrameLike }[], origin: string = APP_ORIGIN): boolean {
  if (!frame) return false;
  if (!isAppUrl(frame.url, origin)) return false;
  if (frame.parent !== null) return false;
  return windows.some((w) => sameFrame(w.mainFrame, frame));
}
