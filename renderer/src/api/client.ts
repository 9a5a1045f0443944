/**
 * The API client: the one way the renderer reaches the app. Under Electron it calls the preload's
 * bridge (`window.tco`); in a browser it posts to the host with the token from the URL's fragment.
 * Only the stores in state/ use it.
 */
import type { ApiResult } from '../../../electron/api/errors.js';
import type { OpInput, OpName, OpOutput } from '../../../electron/api/operations.js';
import type { ExportKind, MenuPayload, TcoBridge } from '../../../electron/api/bridge.js';
import sample from '../../../resources/sample-workspace.json' with { type: 'json' };

declare global {
  interface Window {
    tco?: TcoBridge;
  }
}

const TOKEN_KEY = 'tco-token';

function token(): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The host's WebSocket (electron/host/socket.ts): calls waiting for their answers, by id. */
interface Socket {
  ws: WebSocket;
  waiting: Map<number, (r: ApiResult<unknown>) => void>;
}

/** Inputs this long or longer go over HTTP, where the host's 413 names its limit (a workspace made from a large document). */
const SOCKET_MAX = 1024 * 1024;
/** The socket, opening or open; null: none yet, or the last one closed. */
let socket: Promise<Socket | null> | null = null;
let lastId = 0;

const unreachable = (why: string): ApiResult<never> => ({ ok: false, error: { code: 'INTERNAL', message: `Cannot reach the app: ${why}` } });
const CLOSED = 'the connection to it closed (is `npm run web` still running? If it was started again, open the address it printed)';

/**
 * The API's socket, opened at the first call. One that cannot be opened (a host without it, a proxy
 * in the way) leaves the page on HTTP for good; one that closes is opened again at the next call.
 */
function openSocket(t: string): Promise<Socket | null> {
  return new Promise((done) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(new URL('socket', location.href).href.replace(/^http/, 'ws'), ['tco.api', `tco.token.${t}`]);
    } catch {
      return done(null);
    }
    const s: Socket = { ws, waiting: new Map() };
    let opened = false;
    // A handshake that hangs (nothing on loopback should) leaves the page on HTTP.
    const late = setTimeout(() => ws.close(), 3000);
    ws.onopen = () => {
      clearTimeout(late);
      opened = true;
      done(s);
    };
    ws.onmessage = (e: MessageEvent<string>) => {
      // `<id>\n<ApiResult JSON>` (id 0: a message the host could not read as a call; none is sent so).
      const nl = e.data.indexOf('\n');
      const id = Number(e.data.slice(0, nl));
      const answered = s.waiting.get(id);
      if (!answered) return;
      s.waiting.delete(id);
      answered(JSON.parse(e.data.slice(nl + 1)) as ApiResult<unknown>);
    };
    ws.onclose = () => {
      clearTimeout(late);
      if (opened) socket = null;
      done(null);
      for (const answered of s.waiting.values()) answered(unreachable(CLOSED));
      s.waiting.clear();
    };
  });
}

function overSocket<T>(s: Socket, op: string, body: string, signal: AbortSignal | undefined, cancelled: () => ApiResult<T>): Promise<ApiResult<T>> {
  // Abandoned while the socket opened.
  if (signal?.aborted) return Promise.resolve(cancelled());
  // Closed since (a closing one still answers what waits on it when it closes).
  if (s.ws.readyState === WebSocket.CLOSED) return Promise.resolve(unreachable(CLOSED));
  const id = ++lastId;
  return new Promise((done) => {
    s.waiting.set(id, done as (r: ApiResult<unknown>) => void);
    signal?.addEventListener(
      'abort',
      () => {
        // Abandoned: its answer, when it comes, is dropped.
        if (s.waiting.delete(id)) done(cancelled());
      },
      { once: true },
    );
    s.ws.send(`${id} ${encodeURIComponent(op)}\n${body}`);
  });
}

/**
 * Call an operation. `signal` abandons the call (its answer is then CANCELLED): over HTTP the
 * request is aborted; over the host's socket and through the desktop bridge the answer is dropped.
 * In a browser, calls go over the host's WebSocket (a message's round trip is a few milliseconds
 * shorter than a request's), else over HTTP.
 */
export async function call<K extends OpName>(op: K, input: OpInput<K>, options: { signal?: AbortSignal } = {}): Promise<ApiResult<OpOutput<K>>> {
  const { signal } = options;
  const cancelled = (): ApiResult<OpOutput<K>> => ({ ok: false, error: { code: 'CANCELLED', message: `${op}: abandoned for a newer request` } });
  if (window.tco) {
    const r = await (window.tco[op] as (i: OpInput<K>) => Promise<ApiResult<OpOutput<K>>>)(input);
    return signal?.aborted ? cancelled() : r;
  }
  const t = token();
  if (!t) return { ok: false, error: { code: 'INTERNAL', message: 'Open the address printed by `npm run web`: it carries the access token.' } };
  if (signal?.aborted) return cancelled();
  const body = JSON.stringify(input);
  if (body.length < SOCKET_MAX) {
    const s = await (socket ??= openSocket(t));
    if (s) return overSocket(s, op, body, signal, cancelled);
  }
  try {
    const res = await fetch(`api/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` }, body, signal: signal ?? null });
    return (await res.json()) as ApiResult<OpOutput<K>>;
  } catch (e) {
    if (signal?.aborted) return cancelled();
    return unreachable((e as Error).message);
  }
}

/** Menu commands from the desktop shell (none in a browser). */
export function onMenu(callback: (payload: MenuPayload) => void): () => void {
  return window.tco ? window.tco.onMenu(callback) : () => {};
}

/** The sample workspace document shipped with the app (resources/sample-workspace.json, built into the page). */
export async function sampleDocument(): Promise<unknown> {
  return structuredClone(sample) as unknown;
}

/**
 * The path the app can read a picked or dropped file at: under Electron the file's own path (the
 * preload's webUtils); in a browser the page cannot know it, so the file is handed to the host,
 * which keeps a copy in its temporary folder while it runs and answers with that copy's path.
 */
export async function pathOfFile(file: File): Promise<ApiResult<{ path: string }>> {
  if (window.tco) {
    try {
      const path = window.tco.pathForFile(file);
      if (path) return { ok: true, value: { path } };
      return { ok: false, error: { code: 'FILE_ERROR', message: `${file.name}: the app cannot tell where this file is; choose it from a folder on this computer` } };
    } catch (e) {
      return { ok: false, error: { code: 'FILE_ERROR', message: `${file.name}: ${(e as Error).message}` } };
    }
  }
  const t = token();
  if (!t) return { ok: false, error: { code: 'INTERNAL', message: 'Open the address printed by `npm run web`: it carries the access token.' } };
  try {
    const res = await fetch(`upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', Authorization: `Bearer ${t}` }, body: file });
    return (await res.json()) as ApiResult<{ path: string }>;
  } catch (e) {
    return { ok: false, error: { code: 'FILE_ERROR', message: `${file.name}: could not be handed to the app (${(e as Error).message})` } };
  }
}

/** Whether the app offers the system's save dialog for exports (the desktop app; a browser does not). */
export function hasSaveDialog(): boolean {
  return typeof window.tco?.chooseExportPath === 'function';
}

/** The system's save dialog for an export: the chosen path, or null when cancelled (or there is no dialog). */
export async function chooseExportPath(kind: ExportKind): Promise<string | null> {
  return hasSaveDialog() ? window.tco!.chooseExportPath(kind) : null;
}
