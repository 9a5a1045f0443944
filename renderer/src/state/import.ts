/**
 * The import screen's state: the file, its preview, the format or the user's own column mapping,
 * the running import (its progress, polled, and cancel) and its result. The import itself is one
 * operation that commits all or nothing; the workspace store then shows the new state.
 */
import { create } from 'zustand';
import type { ApiError } from '../../../electron/api/errors.js';
import type { FilePreview, ImportEvent, ImportField, ImportFormat, ImportMapping } from '../../../electron/api/import-model.js';
import type { ImportResultJson } from '../../../electron/api/operations.js';
import type { HoldoutResult } from '../../../electron/engine/stats.js';
import { call, pathOfFile } from '../api/client';
import { useWorkspace } from './workspace';

export const CUSTOM = 'custom';
const POLL_MS = 150;

type Phase = 'idle' | 'previewing' | 'ready' | 'running' | 'done';

interface ImportState {
  vendorId: string | null;
  path: string;
  preview: FilePreview | null;
  formats: ImportFormat[];
  /** A format's name, or CUSTOM for the mapping below. */
  format: string;
  mapping: ImportMapping;
  phase: Phase;
  progress: { bytesRead: number; totalBytes: number } | null;
  result: ImportResultJson | null;
  /** MODEL.md section 10 per route of the result with holdout members: exposed against holdout. */
  lifts: Record<string, HoldoutResult>;
  /** The vendor the last result went to. */
  importedInto: string | null;
  error: ApiError | null;
  notice: string | null;
  start(vendorId: string | null): void;
  setVendor(id: string): void;
  setPath(path: string): void;
  chooseFile(file: File): Promise<void>;
  loadPreview(): Promise<void>;
  loadFormats(): Promise<void>;
  setFormat(name: string): void;
  setColumn(field: ImportField, column: string | null): void;
  setStatus(value: string, event: ImportEvent | null | undefined): void;
  setDefaultRoute(route: string): void;
  setNaiveUtc(on: boolean): void;
  savePreset(name: string): Promise<boolean>;
  removePreset(name: string): Promise<void>;
  run(): Promise<void>;
  cancel(): Promise<void>;
}

/** A first guess of the columns from their names, for a file no format fits. */
export function guessMapping(columns: string[], kind: 'csv' | 'jsonl'): ImportMapping {
  const norm = (c: string) => c.toLowerCase().replace(/[^a-z0-9]/g, '');
  const find = (...names: string[]): string | undefined => columns.find((c) => names.includes(norm(c)));
  const m: ImportMapping = { columns: {} };
  const set = (f: ImportField, c: string | undefined) => {
    if (c !== undefined) m.columns[f] = c;
  };
  set('eventId', find('eventid', 'sgeventid', 'webhookid'));
  set('messageId', find('messageid', 'msgid', 'sid', 'messagesid', 'sgmessageid', 'id', 'message'));
  set('recipient', find('recipient', 'to', 'email', 'phone', 'msisdn'));
  set('route', find('route'));
  set('cohort', find('cohort', 'group', 'arm'));
  set('event', find('event', 'status', 'state', 'eventtype', 'type'));
  set('failureReason', find('failurereason', 'errorcode', 'error', 'reason'));
  set('timestamp', find('timestamp', 'time', 'date', 'datesent', 'sentdate', 'createdat', 'datecreated', 'at'));
  set('segments', find('segments', 'numsegments'));
  set('price', find('price', 'cost'));
  if (!m.columns.route) m.defaults = { route: kind === 'jsonl' ? 'email' : 'sms' };
  return m;
}

export const useImport = create<ImportState>((set, get) => {
  let polling: ReturnType<typeof setInterval> | null = null;
  let importId: string | null = null;
  const stopPolling = () => {
    if (polling !== null) clearInterval(polling);
    polling = null;
  };

  return {
    vendorId: null,
    path: '',
    preview: null,
    formats: [],
    format: 'events-csv',
    mapping: { columns: {} },
    phase: 'idle',
    progress: null,
    result: null,
    lifts: {},
    importedInto: null,
    error: null,
    notice: null,

    start: (vendorId) => {
      const vendors = useWorkspace.getState().workspace?.document.vendors ?? [];
      const current = get().vendorId;
      const id = vendorId ?? (current && vendors.some((v) => v.id === current) ? current : (vendors[0]?.id ?? null));
      set({ vendorId: id, error: null, notice: null });
      void get().loadFormats();
    },
    setVendor: (id) => set({ vendorId: id }),
    setPath: (path) => set({ path, preview: null, phase: 'idle', result: null, error: null }),
    chooseFile: async (file) => {
      set({ phase: 'previewing', error: null, result: null, notice: null });
      const r = await pathOfFile(file);
      if (!r.ok) return set({ phase: 'idle', error: r.error });
      set({ path: r.value.path });
      await get().loadPreview();
    },
    loadPreview: async () => {
      const path = get().path.trim();
      if (!path) return set({ error: { code: 'INVALID_INPUT', message: 'Name the event log to import: its path, or choose or drop the file.' } });
      set({ phase: 'previewing', error: null, result: null, notice: null });
      const r = await call('import.preview', { path, rows: 50 });
      if (!r.ok) return set({ phase: 'idle', preview: null, error: r.error });
      const preview = r.value;
      // The suggested format when one fits; else the user's own mapping, guessed from the names.
      const format = preview.suggested ?? CUSTOM;
      set({ phase: 'ready', preview, format, mapping: guessMapping(preview.columns, preview.kind) });
    },
    loadFormats: async () => {
      const r = await call('import.formats', {});
      if (r.ok) set({ formats: r.value.formats });
      else set({ error: r.error });
    },
    setFormat: (name) => {
      const f = get().formats.find((x) => x.name === name);
      // Starting a custom mapping from a format's: its columns and statuses are a good start.
      set({ format: name, ...(name === CUSTOM || !f ? {} : { mapping: structuredClone(f.mapping) }) });
    },
    setColumn: (field, column) => {
      const m = structuredClone(get().mapping);
      if (column === null) delete m.columns[field];
      else m.columns[field] = column;
      set({ mapping: m, format: CUSTOM });
    },
    setStatus: (value, event) => {
      const m = structuredClone(get().mapping);
      const events = { ...(m.events ?? {}) };
      if (event === undefined) delete events[value];
      else events[value] = event;
      m.events = events;
      if (Object.keys(events).length === 0) delete m.events;
      set({ mapping: m, format: CUSTOM });
    },
    setDefaultRoute: (route) => {
      const m = structuredClone(get().mapping);
      const defaults = { ...(m.defaults ?? {}) };
      if (route.trim() === '') delete defaults.route;
      else defaults.route = route.trim();
      m.defaults = defaults;
      set({ mapping: m, format: CUSTOM });
    },
    setNaiveUtc: (on) => {
      const m = structuredClone(get().mapping);
      if (on) m.naiveTimestampsAreUtc = true;
      else delete m.naiveTimestampsAreUtc;
      set({ mapping: m, format: CUSTOM });
    },
    savePreset: async (name) => {
      const kind = get().preview?.kind ?? 'csv';
      const r = await call('import.savePreset', { name, kind, mapping: get().mapping });
      if (!r.ok) {
        set({ error: r.error });
        return false;
      }
      set({ formats: r.value.formats, format: name, error: null, notice: `Saved the mapping as “${name}”: choose it for the next file of this shape.` });
      return true;
    },
    removePreset: async (name) => {
      const r = await call('import.removePreset', { name });
      if (!r.ok) return set({ error: r.error });
      set({ formats: r.value.formats, format: get().format === name ? CUSTOM : get().format });
    },
    run: async () => {
      const { vendorId, path, format, mapping, preview } = get();
      const ws = useWorkspace.getState().workspace;
      if (!ws) return;
      if (!vendorId) return set({ error: { code: 'INVALID_INPUT', message: 'Choose the vendor whose pilot this log is.' } });
      if (!path.trim()) return set({ error: { code: 'INVALID_INPUT', message: 'Name the event log to import.' } });
      const id = `import-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      importId = id;
      set({ phase: 'running', progress: { bytesRead: 0, totalBytes: preview?.totalBytes ?? 0 }, result: null, error: null, notice: null });
      stopPolling();
      polling = setInterval(() => {
        void call('import.progress', { importId: id }).then((p) => {
          if (p.ok && p.value.running && importId === id) set({ progress: { bytesRead: p.value.bytesRead, totalBytes: p.value.totalBytes } });
        });
      }, POLL_MS);
      const input = format === CUSTOM ? { mapping, kind: preview?.kind ?? 'csv' } : { format };
      const r = await call('import', { handle: ws.handle, path: path.trim(), vendorId, importId: id, ...input });
      stopPolling();
      importId = null;
      if (!r.ok) {
        return set({ phase: 'ready', progress: null, error: r.error.code === 'CANCELLED' ? null : r.error, notice: r.error.code === 'CANCELLED' ? 'Import cancelled: the workspace is as it was.' : null });
      }
      // The same log imported twice counts its messages twice: the service says so (the import is one undo step).
      const repeated = r.value.repeated.length > 0;
      set({
        phase: 'done',
        progress: null,
        result: r.value.result,
        lifts: {},
        importedInto: vendorId,
        notice: repeated ? 'These pilot results are the same as ones the vendor already had: if this log was imported before, its messages now count twice. Undo removes this import.' : null,
      });
      useWorkspace.setState({ workspace: r.value.state });
      const lifts: Record<string, HoldoutResult> = {};
      for (const [route, c] of Object.entries(r.value.result.counts)) {
        if (!c.holdout || c.holdout.members === 0 || c.sent === 0) continue;
        const h = await call('holdout', { exposed: [c.converted, c.sent], holdout: [c.holdout.converted, c.holdout.members] });
        if (h.ok) lifts[route] = h.value;
      }
      set({ lifts });
      await useWorkspace.getState().recompute();
    },
    cancel: async () => {
      if (importId) await call('import.cancel', { importId });
    },
  };
});
