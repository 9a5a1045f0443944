/**
 * The API client: the one way the renderer reaches the app. Under Electron it calls the preload's
 * bridge (`window.tco`); in a browser it posts to the host with the token from the URL's fragment.
 * Only the stores in state/ use it.
 */
import type { ApiResult } from '../../../electron/api/errors.js';
import type { OpInput, OpName, OpOutput } from '../../../electron/api/operations.js';
import type { MenuPayload, TcoBridge } from '../../../electron/api/bridge.js';

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

export async function call<K extends OpName>(op: K, input: OpInput<K>): Promise<ApiResult<OpOutput<K>>> {
  if (window.tco) return (window.tco[op] as (i: OpInput<K>) => Promise<ApiResult<OpOutput<K>>>)(input);
  const t = token();
  if (!t) return { ok: false, error: { code: 'INTERNAL', message: 'Open the address printed by `npm run web`: it carries the access token.' } };
  try {
    const res = await fetch(`api/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` }, body: JSON.stringify(input) });
    return (await res.json()) as ApiResult<OpOutput<K>>;
  } catch (e) {
    return { ok: false, error: { code: 'INTERNAL', message: `Cannot reach the app: ${(e as Error).message}` } };
  }
}

/** Menu commands from the desktop shell (none in a browser). */
export function onMenu(callback: (payload: MenuPayload) => void): () => void {
  return window.tco ? window.tco.onMenu(callback) : () => {};
}

/** The sample workspace document shipped with the app (resources/). */
export async function sampleDocument(): Promise<unknown> {
  const res = await fetch('sample-workspace.json');
  return res.json();
}
