/**
 * File paths reach the main process only from the app's dialogs, a drop or pick on the page, or the
 * app's own folder (issue 18). Through the real bridge (preload makeBridge) and the real IPC
 * handlers (main ipc.ts) over the real services, with electron's objects mocked: the page asks
 * to read /etc/passwd and to write over a file it was never given, and is refused; the same calls
 * pass once the user picked the file.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../electron/api/errors.js';
import { registerIpc, registerPicked } from '../../electron/main/ipc.js';
import { PathGrants, guardPaths } from '../../electron/main/paths.js';
import { makeBridge } from '../../electron/preload/index.js';
import { createApp } from '../../electron/services/app.js';

// electron, as far as the preload uses it when loaded (makeBridge itself takes its objects as arguments).
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: () => {} },
  ipcRenderer: { invoke: async () => null, on: () => {}, removeListener: () => {} },
  webUtils: { getPathForFile: () => '' },
}));

const dir = mkdtempSync(join(tmpdir(), 'tco-grants-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const own = join(dir, 'userData', 'workspaces');
mkdirSync(own, { recursive: true });

function wire() {
  const services = createApp({ dataDir: join(dir, 'userData') });
  const grants = new PathGrants([own]);
  const handlers: Record<string, (...a: any[]) => any> = {};
  const ipcMain = { handle: (ch: string, f: any) => (handlers[ch] = f) } as any;
  const main = { url: 'app://tco/index.html', parent: null, processId: 7, frameTreeNodeId: 1 };
  const windows = () => [{ mainFrame: main }] as any;
  const recent = async () => {
    const r = await services.dispatch('workspace.recent', {});
    return r.ok ? (r.value as { files: string[] }).files : [];
  };
  registerIpc(ipcMain, guardPaths(services.dispatch, grants, recent), windows);
  registerPicked(ipcMain, (p) => grants.grant(p), windows);
  // The preload's bridge, its ipcRenderer calling the handlers as the page's main frame.
  const renderer = { invoke: (ch: string, ...a: unknown[]) => Promise.resolve(handlers[ch]!({ senderFrame: main }, ...a)), on: () => {}, removeListener: () => {} } as any;
  const picked = new Map<object, string>();
  const bridge = makeBridge(renderer, { getPathForFile: (f: any) => picked.get(f) ?? '' }) as unknown as Record<string, (i: unknown) => Promise<ApiResult<any>>> & { pathForFile(f: object): string };
  return { services, grants, bridge, picked };
}

describe('the page names only files the user chose', () => {
  it('reading /etc/passwd through the bridge (import.preview, import) is refused with a sentence; nothing is read', async () => {
    const { bridge, services } = wire();
    const preview = await bridge['import.preview']!({ path: '/etc/passwd' });
    expect(preview).toMatchObject({ ok: false, error: { code: 'FILE_ERROR', file: '/etc/passwd', field: 'path' } });
    expect(!preview.ok && preview.error.message).toBe(
      '/etc/passwd: refused: the app only opens or writes files chosen in its dialogs, dropped on its window, or in its own folder; choose the file with File › Open, Import or Export',
    );
    const opened = await bridge['workspace.open']!({ path: '/etc/passwd' });
    expect(opened).toMatchObject({ ok: false, error: { code: 'FILE_ERROR', file: '/etc/passwd' } });
    // `..` does not lead out of the app's folder either.
    expect(await bridge['import.preview']!({ path: join(own, '..', '..', '..', '..', 'etc', 'passwd') })).toMatchObject({ ok: false, error: { code: 'FILE_ERROR' } });
    services.closeAll();
  });

  it('writing a file the user never chose (an export over ~/.bashrc) is refused and the file is untouched', async () => {
    const { bridge, services } = wire();
    const victim = join(dir, 'bashrc');
    writeFileSync(victim, 'mine');
    const created = await bridge['workspace.create']!({ path: join(own, 'w.tcows') });
    expect(created.ok).toBe(true);
    const handle = created.ok && created.value.handle;
    expect(await bridge['export.csv']!({ handle, path: victim, table: 'compare' })).toMatchObject({ ok: false, error: { code: 'FILE_ERROR', file: victim } });
    expect(await bridge['workspace.exportDocument']!({ handle, path: victim })).toMatchObject({ ok: false, error: { code: 'FILE_ERROR' } });
    expect(readFileSync(victim, 'utf8')).toBe('mine');
    services.closeAll();
  });

  it('a file picked or dropped on the page (webUtils knows its path) may be named; a File the page made may not', async () => {
    const { bridge, picked, services } = wire();
    const log = join(dir, 'pilot.csv');
    writeFileSync(log, 'message_id,route,event,timestamp\nm1,email,sent,2026-10-01T10:00:00Z\n');
    expect(await bridge['import.preview']!({ path: log })).toMatchObject({ ok: false, error: { code: 'FILE_ERROR' } });
    const made = {};
    expect(bridge.pathForFile(made)).toBe('');
    const dropped = {};
    picked.set(dropped, log);
    expect(bridge.pathForFile(dropped)).toBe(log);
    await new Promise((r) => setTimeout(r, 0)); // the report to the main process is on its way
    const preview = await bridge['import.preview']!({ path: log });
    expect(preview.ok).toBe(true);
    expect(preview.ok && preview.value.columns).toEqual(['message_id', 'route', 'event', 'timestamp']);
    services.closeAll();
  });

  it("a path a dialog chose (granted by the main process) and the files of the app's recent list may be named", async () => {
    const { bridge, grants, services } = wire();
    const chosen = join(dir, 'chosen.tcows');
    grants.grant(chosen);
    const created = await bridge['workspace.create']!({ path: chosen });
    expect(created.ok).toBe(true);
    await bridge['workspace.close']!({ handle: created.ok && created.value.handle });
    // A new run of the app: nothing granted yet, but the file is in the recent list it keeps.
    services.closeAll();
    const again = wire();
    const reopened = await again.bridge['workspace.open']!({ path: chosen });
    expect(reopened.ok).toBe(true);
    again.services.closeAll();
  });
});
