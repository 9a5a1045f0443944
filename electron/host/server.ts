/**
 * The browser host: the renderer and the same API over HTTP and a WebSocket on 127.0.0.1, for
 * machines where Electron cannot run and for end-to-end tests. A thin transport: every API call goes
 * to the one dispatch untouched; nothing here knows what an operation does.
 *
 * The token
 * - Made at launch (32 random bytes, hex) unless the caller gives one. It reaches the page in the
 *   printed URL's fragment, `http://127.0.0.1:PORT/#token=<hex>`: a fragment is never sent to a
 *   server, so it lands in no log and no Referer. The renderer reads it from `location.hash`, keeps
 *   it in sessionStorage (this tab only, gone with it), drops it from the address bar, and sends it
 *   with every call as `Authorization: Bearer <token>`, and in the socket's handshake as the
 *   subprotocol `tco.token.<token>`. Static files need no token.
 *
 * Protocol
 * - `POST /api/<operation>` with the operation's input as a JSON body (an empty body is `{}`). The
 *   answer is dispatch's ApiResult as JSON, `{ok:true,value}` or `{ok:false,error}`, with HTTP 200
 *   for both: typed errors are data. An unknown operation is dispatch's UNKNOWN_OPERATION with 404.
 * - Refused before dispatch, each with a JSON `{ok:false,error:{code,message}}`:
 *   403 FORBIDDEN   a `Host` other than 127.0.0.1:PORT or localhost:PORT (DNS rebinding), or an
 *                   `Origin` other than the host's own (`http://127.0.0.1:PORT`, or
 *                   `http://localhost:PORT` when reached by that name);
 *   405 METHOD_NOT_ALLOWED  anything but POST on /api (`Allow: POST`);
 *   401 UNAUTHORIZED  no token, or a wrong one (compared in constant time);
 *   413 INVALID_INPUT  a body over 10 MB;
 *   400 INVALID_INPUT  a body that is not JSON ("request body is not valid JSON: ...").
 *   UNAUTHORIZED, FORBIDDEN and METHOD_NOT_ALLOWED are the transport's own codes, not the contract's.
 * - `GET /socket` upgraded to a WebSocket: the same API, a call a message (socket.ts). The page
 *   calls over it, and over HTTP where it cannot open it. Admitted as a call is (Host, Origin, the
 *   token, here as the `tco.token.<token>` subprotocol), else refused with the same JSON errors.
 * - `POST /upload?name=<file name>` with a file's bytes as the body (token and origin checked as for
 *   the API, up to 4 GiB): a page in a browser cannot know the path of a file the user picked or
 *   dropped, so the host keeps a copy in its own temporary folder (removed on close) and answers
 *   `{ok:true,value:{path}}`; the page then names that path to the API like any other. (Under
 *   Electron the preload gives the file's own path instead.)
 * - GET/HEAD of the files under the static folder (`/` is index.html); anything outside it, or
 *   missing, is 404. Every response carries a strict Content-Security-Policy, nosniff, no-referrer
 *   and same-origin opener policy; none carries a CORS header.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { basename, extname, join, resolve, sep } from 'node:path';
import type { ErrorCode } from '../api/errors.js';
import { scanJsonText } from '../api/limits.js';
import { CSP, MIME_TYPES } from '../api/web-policy.js';
import type { App } from '../services/app.js';
import { createSocketServer, refuseUpgrade, socketToken, offeredProtocols, SOCKET_PATH, SOCKET_PROTOCOL, type Refusal } from './socket.js';

export const MAX_BODY = 10 * 1024 * 1024;
/** A client still sending past this is cut off instead of drained (it never gets a 413). */
const MAX_DRAIN = 4 * MAX_BODY;

export { CSP };

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

const TYPES = MIME_TYPES;

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

/** The contract's codes, and the few the transport answers with before dispatch. */
export type HostErrorCode = ErrorCode | 'UNAUTHORIZED' | 'FORBIDDEN' | 'METHOD_NOT_ALLOWED';

export interface HostOptions {
  app: App;
  /** The folder of the page (index.html) and its assets. */
  staticDir: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Absent: 32 random bytes, hex. */
  token?: string;
  /** Where uploaded files are kept while the host runs; absent: a new folder in the system's temp folder. */
  uploadDir?: string;
  /** The most all uploads of this run of the host may hold together (bytes); absent: UPLOAD_QUOTA. */
  uploadQuota?: number;
}

/** The uploads of one run of the host, in all (they are kept until it stops): 8 GiB. */
export const UPLOAD_QUOTA = 8 * 1024 * 1024 * 1024;

/** The largest upload (an event log of a pilot is tens of MB; a million events about 120 MB). */
export const MAX_UPLOAD = 4 * 1024 * 1024 * 1024;

export interface Host {
  /** The address to open: the origin, `/`, and the token in the fragment. */
  url: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(value), JSON_TYPE, extra);
}

function refuse(res: ServerResponse, status: number, code: HostErrorCode, message: string, extra: Record<string, string> = {}): void {
  sendJson(res, status, { ok: false, error: { code, message } }, extra);
}

const notFound = (res: ServerResponse) => send(res, 404, 'not found\n', TEXT_TYPE);

/** The body, or 'too-big' once it passes MAX_BODY (the rest is drained, so the client reads the 413). */
function readBody(req: IncomingMessage): Promise<Buffer | 'too-big'> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
      else if (size > MAX_DRAIN) req.destroy();
    });
    req.on('end', () => done(size > MAX_BODY ? 'too-big' : Buffer.concat(chunks, size)));
    req.on('error', fail);
    req.on('close', () => {
      if (!req.complete) fail(new Error('the request was cut off'));
    });
  });
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected)) && given.length === expected.length;
}

function bearer(header: string | undefined): string | null {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

/** A file strictly inside root (symbolic links resolved), or null. */
function inside(root: string, realRoot: string, pathname: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const file = resolve(join(root, rel === '/' ? 'index.html' : rel));
  if (!file.startsWith(root + sep)) return null;
  try {
    const real = realpathSync(file);
    return real.startsWith(realRoot + sep) ? real : null;
  } catch {
    return null;
  }
}

class QuotaError extends Error {}

export async function createHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? randomBytes(32).toString('hex');
  if (token.length === 0 || /\s/.test(token)) throw new Error('the host token must be a non-empty string without spaces');
  const root = resolve(options.staticDir);
  const realRoot = realpathSync(root);
  let port = 0;
  let origin = '';

  const ownOrigin = (host: string) => (host.startsWith('localhost:') ? `http://localhost:${port}` : origin);
  /** A call from a page of another origin (a browser always names it; other clients may not). */
  const originRefusal = (req: IncomingMessage, host: string): Refusal | null =>
    req.headers.origin !== undefined && req.headers.origin !== ownOrigin(host) ? { status: 403, code: 'FORBIDDEN', message: 'refused: the call came from another origin' } : null;
  const tokenRefusal = (given: string | null): Refusal | null =>
    given === null || !sameToken(given, token) ? { status: 401, code: 'UNAUTHORIZED', message: 'refused: the call needs the token of the address printed at launch' } : null;
  const refuseWith = (res: ServerResponse, r: Refusal) => refuse(res, r.status, r.code, r.message);
  /** A Host header other than the host's own names (DNS rebinding). */
  const hostRefusal = (host: string): Refusal | null =>
    host !== `127.0.0.1:${port}` && host !== `localhost:${port}` ? { status: 403, code: 'FORBIDDEN', message: 'refused: unexpected Host header' } : null;

  const serveStatic = (req: IncomingMessage, res: ServerResponse, pathname: string): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', TEXT_TYPE, { Allow: 'GET, HEAD' });
    const file = inside(root, realRoot, pathname);
    if (file === null) return notFound(res);
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) return notFound(res);
      size = st.size;
    } catch {
      return notFound(res);
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'Content-Length': size, 'Cache-Control': 'no-cache' });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };

  const serveApi = async (req: IncomingMessage, res: ServerResponse, pathname: string, host: string): Promise<void> => {
    const foreign = originRefusal(req, host);
    if (foreign) return refuseWith(res, foreign);
    if (req.method !== 'POST') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'API calls are POST requests', { Allow: 'POST' });
    const unknown = tokenRefusal(bearer(req.headers.authorization));
    if (unknown) return refuseWith(res, unknown);
    const body = await readBody(req);
    if (body === 'too-big') return refuse(res, 413, 'INVALID_INPUT', `request body is over ${MAX_BODY} bytes`);
    let input: unknown = {};
    if (body.length > 0) {
      const text = body.toString('utf8');
      const over = scanJsonText(text, { maxBytes: MAX_BODY, documentUnder: ['document', 'from'] });
      if (over) return refuse(res, 400, 'INVALID_INPUT', `request body: ${over.path}: ${over.message}`);
      try {
        input = JSON.parse(text);
      } catch (e) {
        return refuse(res, 400, 'INVALID_INPUT', `request body is not valid JSON: ${(e as Error).message}`);
      }
    }
    const raw = pathname.slice('/api/'.length);
    let op = raw;
    try {
      op = decodeURIComponent(raw);
    } catch {
      // Not percent-encoded text: dispatch answers that no such operation exists.
    }
    const result = await options.app.dispatch(op, input);
    sendJson(res, !result.ok && result.error.code === 'UNKNOWN_OPERATION' ? 404 : 200, result);
  };

  let uploads: string | null = null;
  /** Bytes held by the uploads of this run, those being received included. */
  let uploaded = 0;
  const quota = options.uploadQuota ?? UPLOAD_QUOTA;
  const overQuota = (name: string) =>
    `${name} was not uploaded: the files uploaded since the app started would pass ${(quota / 1024 ** 3).toFixed(quota >= 1024 ** 3 ? 0 : 6)} GiB (${quota} bytes), the most it keeps; restart it (npm run web) to clear them`;
  const serveUpload = async (req: IncomingMessage, res: ServerResponse, url: URL, host: string): Promise<void> => {
    const foreign = originRefusal(req, host);
    if (foreign) return refuseWith(res, foreign);
    if (req.method !== 'POST') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'uploads are POST requests', { Allow: 'POST' });
    const unknown = tokenRefusal(bearer(req.headers.authorization));
    if (unknown) return refuseWith(res, unknown);
    // Only the name's last part, and none of the characters a file name cannot hold.
    const name =
      basename(url.searchParams.get('name') ?? '')
        .replace(/[\\/\0:*?"<>|]/g, '_')
        .slice(0, 200) || 'upload';
    const length = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(length) && length > MAX_UPLOAD) return refuse(res, 413, 'INVALID_INPUT', `the file is over ${MAX_UPLOAD} bytes`);
    if (Number.isFinite(length) && uploaded + length > quota) return refuse(res, 413, 'INVALID_INPUT', overQuota(name));
    if (uploads === null) {
      if (options.uploadDir) mkdirSync(options.uploadDir, { recursive: true, mode: 0o700 });
      uploads = options.uploadDir ?? mkdtempSync(join(tmpdir(), 'tco-uploads-'));
    }
    const folder = mkdtempSync(join(uploads, 'f-'));
    const path = join(folder, name);
    let size = 0;
    try {
      await pipeline(
        req,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const c of chunks) {
            size += c.length;
            uploaded += c.length;
            if (size > MAX_UPLOAD) throw new Error(`the file is over ${MAX_UPLOAD} bytes`);
            if (uploaded > quota) throw new QuotaError(overQuota(name));
            yield c;
          }
        },
        createWriteStream(path, { flags: 'wx', mode: 0o600 }),
      );
    } catch (e) {
      rmSync(folder, { recursive: true, force: true });
      uploaded -= size;
      if (e instanceof QuotaError) return refuse(res, 413, 'INVALID_INPUT', e.message);
      return refuse(res, 400, 'INVALID_INPUT', `the upload failed: ${(e as Error).message}`);
    }
    sendJson(res, 200, { ok: true, value: { path } });
  };

  const server = createServer((req, res) => {
    const host = req.headers.host ?? '';
    const foreignHost = hostRefusal(host);
    if (foreignHost) return refuseWith(res, foreignHost);
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', origin).pathname;
    } catch {
      return send(res, 400, 'bad request\n', TEXT_TYPE);
    }
    if (pathname === '/upload') {
      serveUpload(req, res, new URL(req.url ?? '/', origin), host).catch((e: unknown) => {
        if (!res.headersSent) refuse(res, 500, 'INTERNAL', `unexpected failure: ${e instanceof Error ? e.message : String(e)}`);
        else res.destroy();
      });
      return;
    }
    if (pathname !== '/api' && !pathname.startsWith('/api/')) return serveStatic(req, res, pathname);
    serveApi(req, res, pathname, host).catch((e: unknown) => {
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', `unexpected failure: ${e instanceof Error ? e.message : String(e)}`);
      else res.destroy();
    });
  });

  // The API over a WebSocket (socket.ts): admitted as a call is, then upgraded.
  const sockets = createSocketServer({ dispatch: (op, input) => options.app.dispatch(op, input), maxBody: MAX_BODY });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const host = req.headers.host ?? '';
    let pathname = '';
    try {
      pathname = new URL(req.url ?? '/', origin).pathname;
    } catch {
      // Refused below as any other path.
    }
    const wrongPlace: Refusal | null =
      pathname !== SOCKET_PATH || !offeredProtocols(req).includes(SOCKET_PROTOCOL)
        ? { status: 400, code: 'INVALID_INPUT', message: `refused: the API's socket is ${SOCKET_PATH}, with the ${SOCKET_PROTOCOL} protocol` }
        : null;
    const refusal = hostRefusal(host) ?? wrongPlace ?? originRefusal(req, host) ?? tokenRefusal(socketToken(req));
    if (refusal) return refuseUpgrade(socket, refusal, SECURITY_HEADERS);
    sockets.upgrade(req, socket, head);
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      (closing ??= new Promise<void>((ok) => {
        sockets.close();
        server.close(() => {
          if (uploads !== null) rmSync(uploads, { recursive: true, force: true });
          ok();
        });
        server.closeAllConnections();
      })),
  };
}
