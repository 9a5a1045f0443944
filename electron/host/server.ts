/**
 * The browser host: the renderer and the same API over HTTP on 127.0.0.1, for machines where
 * Electron cannot run and for end-to-end tests. A thin transport: every API call goes to the one
 * dispatch untouched.
 *
 * Protocol
 * - `POST /api/<operation>` with the operation's input as a JSON body; the answer is the dispatch's
 *   ApiResult as JSON (`{ok:true,value}` or `{ok:false,error}`), HTTP 200 for both.
 * - Every API call needs `Authorization: Bearer <token>`; the token is made at launch and reaches
 *   the page in the printed URL's fragment (`http://127.0.0.1:PORT/#token=...`), which never reaches
 *   a server log or a Referer. The page keeps it in sessionStorage.
 * - Refused: no or a wrong token (401); an `Origin` other than the host's own (403); a `Host` other
 *   than 127.0.0.1:PORT or localhost:PORT, against DNS rebinding (403); another method on /api
 *   (405); a body over 10 MB (413); a body that is not JSON (400, with a JSON error).
 * - Static files under the renderer folder, with a strict Content-Security-Policy; no CORS headers.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import type { App } from '../services/app.js';

export const MAX_BODY = 10 * 1024 * 1024;

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface HostOptions {
  app: App;
  staticDir: string;
  port?: number;
  token?: string;
}

export interface Host {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value));
}

function apiError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => resolveBody(tooBig ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function createHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const root = resolve(options.staticDir);
  let port = 0;
  let origin = '';

  const serveStatic = (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return send(res, 400, 'bad path', 'text/plain; charset=utf-8');
    }
    if (rel.includes('\0')) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
    const file = resolve(join(root, rel === '/' ? 'index.html' : rel));
    if (file !== root && !file.startsWith(root + sep)) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
      size = st.size;
    } catch {
      return send(res, 404, 'not found', 'text/plain; charset=utf-8');
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'Content-Length': size, 'Cache-Control': 'no-cache' });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  };

  const server = createServer(async (req, res) => {
    try {
      const host = req.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return apiError(res, 403, 'FORBIDDEN', 'refused: unexpected Host header');
      const url = new URL(req.url ?? '/', origin);
      if (!url.pathname.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed', 'text/plain; charset=utf-8');
        return serveStatic(req, res, url.pathname);
      }
      const requestOrigin = req.headers.origin;
      if (requestOrigin !== undefined && requestOrigin !== origin && !(requestOrigin === `http://localhost:${port}` && host === `localhost:${port}`)) {
        return apiError(res, 403, 'FORBIDDEN', 'refused: the call came from another origin');
      }
      if (req.method !== 'POST') return apiError(res, 405, 'METHOD_NOT_ALLOWED', 'API calls are POST requests');
      const auth = req.headers.authorization ?? '';
      const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (!given || !sameToken(given, token)) return apiError(res, 401, 'UNAUTHORIZED', 'refused: the call needs the token printed with the URL');
      const body = await readBody(req);
      if (body === null) return apiError(res, 413, 'INVALID_INPUT', `request body over ${MAX_BODY} bytes`);
      let input: unknown = {};
      if (body.length > 0) {
        try {
          input = JSON.parse(body.toString('utf8'));
        } catch (e) {
          return apiError(res, 400, 'INVALID_INPUT', `request body is not valid JSON: ${(e as Error).message}`);
        }
      }
      const op = decodeURIComponent(url.pathname.slice('/api/'.length));
      const result = await options.app.dispatch(op, input);
      sendJson(res, !result.ok && result.error.code === 'UNKNOWN_OPERATION' ? 404 : 200, result);
    } catch (e) {
      if (!res.headersSent) apiError(res, 500, 'INTERNAL', `unexpected failure: ${(e as Error).message}`);
      else res.destroy();
    }
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
