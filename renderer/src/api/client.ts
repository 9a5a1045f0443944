/**
 * The API client: the one way the renderer reaches the app. Under Electron it calls the preload's
 * bridge (`window.tco`); in a browser it posts to the host with the token from the URL's fragment.
 * Only the stores in state/ use it.
 */
import type { ApiResult } from '../../../electron/api/errors.js';
import type { OpInput, OpName, OpOutput } from '../../../electron/api/operations.js';
import type { ExportKind, MenuPayload, TcoBridge } from '../../../electron/api/bridge.js';
import sample from '../../../resources/sample-workspace.json';

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

/**
 * Call an operation. `signal` abandons the call (its answer is then CANCELLED): over HTTP the
 * request is aborted; through the desktop bridge the answer is only dropped.
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
  try {
    const res = await fetch(`api/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` }, body: JSON.stringify(input), signal: signal ?? null });
    return (await res.json()) as ApiResult<OpOutput<K>>;
  } catch (e) {
    if (signal?.aborted) return cancelled();
    return { ok: false, error: { code: 'INTERNAL', message: `Cannot reach the app: ${(e as Error).message}` } };
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
