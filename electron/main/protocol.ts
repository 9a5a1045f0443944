/**
 * The app:// protocol: the renderer's files (out/renderer) served on the app's own origin, each
 * with the security headers (webRequest never sees custom protocols, so the CSP is set here).
 * Nothing outside the renderer's folder is ever served: `..`, encoded or not, is refused, and a
 * symbolic link is followed to where it points and served only when that is inside the folder too
 * (as the browser host does, electron/host/server.ts).
 */
import { readFile, realpath } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { APP_ORIGIN, SECURITY_HEADERS } from './security.js';
import { MIME_TYPES } from '../api/web-policy.js';

const MIME = MIME_TYPES;

/** The file under `root` that a request URL names, or null (another origin, outside root, malformed). */
export function rendererFile(root: string, requestUrl: string, origin: string = APP_ORIGIN): string | null {
  let url: URL;
  let o: URL;
  try {
    url = new URL(requestUrl);
    o = new URL(origin);
  } catch {
    return null;
  }
  if (url.protocol !== o.protocol || url.host !== o.host || url.username !== '' || url.password !== '') return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path === '' || path.endsWith('/')) path += 'index.html';
  const base = resolve(root);
  const file = resolve(join(base, path));
  return file.startsWith(base + sep) ? file : null;
}

export type ReadFile = (path: string) => Promise<Uint8Array>;
export type RealPath = (path: string) => Promise<string>;

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } });
}

/** Answer one request of the renderer: the file with its type and the security headers, or 404/405. */
export async function serveRenderer(root: string, request: Pick<Request, 'url' | 'method'>, read: ReadFile = readFile, real: RealPath = realpath): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
  const named = rendererFile(root, request.url);
  if (!named) return plain(404, 'not found');
  let body: Uint8Array;
  let file: string;
  try {
    // Symbolic links resolved: the file itself must be inside the folder (itself resolved).
    const [realRoot, realFile] = await Promise.all([real(resolve(root)), real(named)]);
    if (!realFile.startsWith(realRoot + sep)) return plain(404, 'not found');
    file = realFile;
    body = await read(file);
  } catch {
    return plain(404, 'not found');
  }
  const headers = { 'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream', ...SECURITY_HEADERS };
  return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
}
