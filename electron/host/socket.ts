/**
 * The API over one WebSocket, beside `POST /api/<operation>`: the page's calls without an HTTP
 * request each. Over loopback in Chromium, a fetch's round trip took 6.2–7.4 ms (median) and a
 * WebSocket message's 2.3–2.9 ms in the same page, with the same 18 KB answer (a keystroke's): most
 * of a keystroke's time outside the app's own work went to the request.
 *
 * The handshake: `GET /socket` upgraded, with the same Host and Origin rules as the API, and the
 * token as a subprotocol (a page cannot set an Authorization header on a WebSocket):
 * `Sec-WebSocket-Protocol: tco.api, tco.token.<token>`. The host answers `tco.api`, never the
 * token. Refused before the upgrade, with the API's JSON error and status: 403 (Host, Origin),
 * 401 (no token, or a wrong one), 400 (another path, or no `tco.api` protocol); a malformed
 * handshake is refused by ws itself (400).
 *
 * A call is one text message: `<id> <operation>`, a line feed, then the input as JSON (the body of
 * `POST /api/<operation>`; empty is `{}`). Its answer is `<id>`, a line feed, then dispatch's
 * ApiResult as JSON. The id is the client's (digits, at most 15). Answers come as calls finish, not
 * in order. A message that is not such a call is answered with id 0 and INVALID_INPUT; the input's
 * JSON is checked as a body is (its limits, its syntax), with the same messages. A message over the
 * API's 10 MB closes the socket (1009); the page sends larger inputs over HTTP instead.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { ApiResult } from '../api/errors.js';
import { scanJsonText } from '../api/limits.js';
import type { HostErrorCode } from './server.js';

export const SOCKET_PATH = '/socket';
export const SOCKET_PROTOCOL = 'tco.api';
export const TOKEN_PROTOCOL = 'tco.token.';

/** A refusal before dispatch: the status and the API's JSON error. */
export interface Refusal {
  status: number;
  code: HostErrorCode;
  message: string;
}

export interface SocketOptions {
  dispatch(op: string, input: unknown): Promise<ApiResult<unknown>>;
  /** The most a call's input may be (bytes of JSON). */
  maxBody: number;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden' };

/** The protocols a handshake offers (`Sec-WebSocket-Protocol`), in order. */
export function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  return (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The token a handshake carries as its `tco.token.<token>` protocol, or null. */
export function socketToken(req: IncomingMessage): string | null {
  const p = offeredProtocols(req).find((x) => x.startsWith(TOKEN_PROTOCOL));
  return p === undefined ? null : p.slice(TOKEN_PROTOCOL.length);
}

/** Answers a refused handshake on the raw socket with the API's JSON error, and closes it. */
export function refuseUpgrade(socket: Duplex, refusal: Refusal, headers: Readonly<Record<string, string>>): void {
  const body = JSON.stringify({ ok: false, error: { code: refusal.code, message: refusal.message } });
  const lines = [
    `HTTP/1.1 ${refusal.status} ${REASONS[refusal.status] ?? 'Refused'}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

const CALL = /^(\d{1,15}) ([^\s]+)$/;

/** A call's answer (`<id>\n<json>`); id 0 for a message that named none. */
const answer = (id: string, result: unknown) => `${id}\n${JSON.stringify(result)}`;
const invalid = (message: string) => ({ ok: false, error: { code: 'INVALID_INPUT', message } });

/** One message: the call it makes, or the error to answer it with (as a body's would read). */
function readCall(text: string, maxBody: number): { id: string; op: string; input: unknown } | { id: string; error: string } {
  const nl = text.indexOf('\n');
  const head = CALL.exec(nl < 0 ? text : text.slice(0, nl));
  if (!head) return { id: '0', error: 'a call over the socket is "<id> <operation>", a line feed, then the input as JSON' };
  const id = head[1]!;
  const raw = head[2]!;
  const body = nl < 0 ? '' : text.slice(nl + 1);
  let op = raw;
  try {
    op = decodeURIComponent(raw);
  } catch {
    // As over HTTP: not percent-encoded text, so dispatch answers that no such operation exists.
  }
  if (body.trim() === '') return { id, op, input: {} };
  const over = scanJsonText(body, { maxBytes: maxBody, documentUnder: ['document', 'from'] });
  if (over) return { id, error: `request body: ${over.path}: ${over.message}` };
  try {
    return { id, op, input: JSON.parse(body) as unknown };
  } catch (e) {
    return { id, error: `request body is not valid JSON: ${(e as Error).message}` };
  }
}

/** The socket side of the host: `upgrade(req, socket, head)` once the handshake is admitted. */
export function createSocketServer(options: SocketOptions): { upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void; close(): void } {
  const wss = new WebSocketServer({
    noServer: true,
    // The line before the input, and its JSON's 10 MB.
    maxPayload: options.maxBody + 64,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has(SOCKET_PROTOCOL) ? SOCKET_PROTOCOL : false),
  });
  const onMessage = async (ws: WebSocket, data: RawData, isBinary: boolean) => {
    if (isBinary) return ws.send(answer('0', invalid('a call over the socket is text, not binary')));
    const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
    const call = readCall(text, options.maxBody);
    if ('error' in call) return ws.send(answer(call.id, invalid(call.error)));
    let result: unknown;
    try {
      result = await options.dispatch(call.op, call.input);
    } catch (e) {
      result = { ok: false, error: { code: 'INTERNAL', message: `unexpected failure: ${e instanceof Error ? e.message : String(e)}` } };
    }
    // A page that went away is not answered.
    if (ws.readyState === ws.OPEN) ws.send(answer(call.id, result));
  };
  wss.on('connection', (ws) => {
    // A frame past maxPayload or otherwise broken: ws closes the socket (1009, 1002); nothing to add.
    ws.on('error', () => undefined);
    ws.on('message', (data, isBinary) => void onMessage(ws, data, isBinary));
  });
  return {
    upgrade: (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)),
    close: () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
