/** Opening, creating, saving and closing workspace files, the recent list, the report's settings. */
import { homedir } from 'node:os';
import { mkdirSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { canonicalDocument, type WorkspaceDocument } from '../../api/document.js';
import { OperationError } from '../../api/errors.js';
import { WorkspaceStore } from '../../store/workspace-store.js';
import defaultRates from '../../../resources/default-rates.json' with { type: 'json' };
import { readDocumentAt, type Context, type HandlerTable } from './context.js';

/**
 * The assumed delivery and engagement rates a new workspace starts with, per channel: public
 * benchmarks, each with its source, in resources/default-rates.json. Every screen marks them as
 * assumed (a route no pilot backs); a pilot's counts replace them.
 */
export const DEFAULT_RATES: WorkspaceDocument['defaults'] = Object.fromEntries(
  Object.entries((defaultRates as { channels: Record<string, { deliveryRate: string; engagementRate: string }> }).channels).map(([c, r]) => [
    c,
    { deliveryRate: r.deliveryRate, engagementRate: r.engagementRate },
  ]),
);

/** A new workspace: the base currency USD, 36 months from the month after today, the assumed rates of the table. */
export function emptyDocument(name: string, now: Date): WorkspaceDocument {
  const y = now.getUTCMonth() === 11 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
  const m = ((now.getUTCMonth() + 1) % 12) + 1;
  return {
    format: 'tco-workspace',
    version: 1,
    name,
    baseCurrency: 'USD',
    startMonth: `${y}-${String(m).padStart(2, '0')}`,
    horizonMonths: 36,
    defaults: structuredClone(DEFAULT_RATES),
    streams: [],
    vendors: [],
  };
}

export function workspaceHandlers(
  ctx: Context,
): HandlerTable<'workspace.create' | 'workspace.open' | 'workspace.close' | 'workspace.get' | 'workspace.saveAs' | 'workspace.exportDocument' | 'workspace.recent' | 'report.settings'> {
  const { options, sessions, now, analyses, storeOptions, session, state, recent, remember, target, begin, writeJsonFile } = ctx;
  return {
    'workspace.create': (i) => {
      const { path, overwrite } = target(i.path, i.ifExists);
      const doc = i.from === undefined ? emptyDocument(basename(path, extname(path)), now()) : canonicalDocument(readDocumentAt(i.from, '$.from'));
      return begin(WorkspaceStore.create(path, doc, { ...storeOptions, overwrite }));
    },
    'workspace.open': (i) => {
      const path = resolve(i.path);
      for (const s of sessions.values()) if (s.store.path === path) return state(s);
      return begin(WorkspaceStore.open(path, storeOptions));
    },
    'workspace.close': (i) => {
      const s = session(i.handle);
      s.store.close();
      sessions.delete(i.handle);
      analyses?.forget(i.handle);
      for (const key of s.scenarioKeys) analyses?.forget(key);
      return { closed: true as const };
    },
    'workspace.get': (i) => {
      const s = session(i.handle);
      if (i.scenario !== undefined && !(s.ws.scenarios ?? []).some((sc) => sc.id === i.scenario))
        throw new OperationError('NOT_FOUND', `no scenario with id ${JSON.stringify(i.scenario)} (it was removed, or undone)`, { path: '$.scenario', field: 'scenario' });
      return state(s, i.scenario);
    },
    'workspace.saveAs': (i) => {
      const s = session(i.handle);
      if (s.store.path === resolve(i.path)) return state(s); // every change is already in it
      const { path, overwrite } = target(i.path, i.ifExists);
      s.store.saveAs(path, overwrite);
      remember(s.store.path);
      return state(s);
    },
    'workspace.exportDocument': (i) => {
      const s = session(i.handle);
      const path = resolve(i.path);
      writeJsonFile(path, s.store.document());
      return { path };
    },
    'workspace.recent': () => {
      const folder = options.dataDir ? join(options.dataDir, 'workspaces') : homedir();
      try {
        mkdirSync(folder, { recursive: true });
      } catch {
        // A folder we cannot make is only a default: the user can name another.
      }
      return { files: recent(), folder };
    },

    'report.settings': (i) => {
      const s = session(i.handle);
      const saved = s.store.reportSettings();
      if (i.preparedFor === undefined && i.preparedBy === undefined) return saved;
      return s.store.setReportSettings({ preparedFor: (i.preparedFor ?? saved.preparedFor).trim(), preparedBy: (i.preparedBy ?? saved.preparedBy).trim() });
    },
  };
}
