/**
 * The import screen's slice: the file, its preview, the format or the user's own column mapping,
 * the running import (its progress, polled, and cancel) and its result. The import itself is one
 * operation that commits all or nothing; the workspace slice then shows the new state. Its state
 * lives under `imp` in the one store (its names, such as `path`, `error` and `start`, are the
 * screen's own); `useImport` (../import.ts) reads and sets it there.
 */
import type { StateCreator } from 'zustand';
import type { ApiError } from '../../../../electron/api/errors.js';
import type { FieldNode, FilePreview, ImportEvent, ImportField, ImportFormat, ImportMapping } from '../../../../electron/api/import-model.js';
import type { ImportResultJson } from '../../../../electron/api/operations.js';
import type { HoldoutResult } from '../../../../electron/engine/stats.js';
import { call, pathOfFile } from '../../api/client';
import type { Store } from '../store';

export const CUSTOM = 'custom';
const POLL_MS = 150;
/** The preview follows the mapping as it is built: asked again this long after the last change. */
const REFRESH_MS = 250;

/** How the route of a record is told (the screen's route rules). */
export type RouteMode = 'field' | 'fixed' | 'number';
export type Channel = NonNullable<ImportMapping['routeFrom']>['channel'];
export type Cohort = 'exposed' | 'holdout';

/** A class name as the importer's schema takes it (electron/import/mapping.ts): letters, digits, _ . or -. */
const CLASS_NAME = /^[A-Za-z0-9_.-]+$/;

/** Why a class typed for a value of the class field cannot be one, in a sentence naming both; null when it can. */
export function classProblem(value: string, name: string): string | null {
  if (name === '' || CLASS_NAME.test(name)) return null;
  return `The class for “${value}” cannot be “${name}”: write it with letters, digits, _ . or - only (such as authentication or marketing_lite), without spaces or other signs.`;
}

type Phase = 'idle' | 'previewing' | 'ready' | 'running' | 'done';

export interface ImportState {
  vendorId: string | null;
  path: string;
  preview: FilePreview | null;
  formats: ImportFormat[];
  /** A format's name, or CUSTOM for the mapping below. */
  format: string;
  mapping: ImportMapping;
  /** The route rule chosen on screen (a fixed route may be empty while it is typed). */
  routeMode: RouteMode;
  /**
   * Classes typed for values of the class field that cannot be classes (a space, a sign), by value:
   * shown with their error and kept out of the mapping until they are one.
   */
  classDrafts: Record<string, string>;
  phase: Phase;
  progress: { bytesRead: number; totalBytes: number } | null;
  result: ImportResultJson | null;
  /** MODEL.md section 10 per route of the result with holdout members: exposed against holdout. */
  lifts: Record<string, HoldoutResult>;
  /** The vendor the last result went to. */
  importedInto: string | null;
  error: ApiError | null;
  /** Why the preview of the mapping could not be made (the file itself). */
  trialError: ApiError | null;
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
  /** JSON: where the records lie (a path of the file's tree), or '' for each value itself. */
  setRecords(path: string): void;
  setRouteMode(mode: RouteMode): void;
  setRouteRule(patch: { channel?: Channel; prefix?: boolean; number?: string | null; classFrom?: string | null }): void;
  /** A status whose event a second field decides: that field (null: no longer decided by one). */
  setQualifier(status: string, field: string | null): void;
  /** A value of a status's second field and its event (null: read past; undefined: not listed). */
  setQualifierValue(status: string, value: string, event: ImportEvent | null | undefined): void;
  setTimeFormat(format: string): void;
  setTimeZone(zone: string): void;
  /** How a message is told: its id alone, or its id with its recipient (a batch send whose recipients share one id). */
  setIdentity(withRecipient: boolean): void;
  /** The field the parts of one multi-part SMS share (their receipts then count as one message); null: each receipt is its own. */
  setPartsOf(field: string | null): void;
  /** A value of the cohort field and its cohort (undefined: not listed). */
  setCohortValue(value: string, cohort: Cohort | undefined): void;
  /** The cohort of records whose cohort field is empty (or that have none). */
  setDefaultCohort(cohort: Cohort): void;
  /** A value of the class field and the class it is ('': not listed; a name that is not one waits in classDrafts). */
  setClassValue(value: string, name: string): void;
  /** The preview again for the format or mapping as it is now (after a pause in changes). */
  refresh(now?: boolean): void;
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
  set('recipient', find('recipient', 'recipientid', 'to', 'email', 'phone', 'msisdn', 'destination', 'destinationphonenumber'));
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

/** How a mapping tells the route: a field of the file, a fixed route, or from the recipient's number. */
export function routeMode(m: ImportMapping): RouteMode {
  return m.routeFrom ? 'number' : m.columns.route ? 'field' : 'fixed';
}

/** The fields under a record path of the file's tree, as paths from the record (a list inside it read at its first element). */
export function fieldsUnder(tree: FieldNode[], records: string): FieldNode[] {
  if (records === '') return tree;
  const base = tree.find((n) => n.path === records)?.depth ?? 0;
  return tree
    .filter((n) => n.path.startsWith(`${records}.`) || n.path.startsWith(`${records}[`))
    .map((n) => ({ ...n, path: n.path.slice(records.length).replace(/^\./, '').replaceAll('[]', '[0]'), depth: n.depth - base - 1 }));
}

/**
 * A first guess for a JSON file no format fits: the records where the list of objects with the
 * most plain fields of their own is (WhatsApp's statuses[], not entry[]), unless the values
 * themselves have more; their fields guessed by name.
 */
export function guessJsonMapping(preview: FilePreview): ImportMapping {
  const leaves = (under: string) => preview.tree.filter((n) => n.kind === 'value' && n.path.startsWith(under) && !n.path.slice(under.length).replace(/^\./, '').match(/[.[]/)).length;
  let best = '';
  let most = preview.tree.filter((n) => n.kind === 'value' && !/[.[]/.test(n.path)).length;
  for (const n of preview.tree) {
    if (n.kind !== 'records') continue;
    const k = leaves(`${n.path}.`);
    if (k > most) {
      most = k;
      best = n.path;
    }
  }
  const fields = fieldsUnder(preview.tree, best).filter((n) => n.kind === 'value');
  const m = guessMapping(
    fields.map((f) => f.path),
    'jsonl',
  );
  delete m.defaults;
  return { ...m, version: 2, ...(best ? { records: [best] } : {}) };
}

/** A class typed that is not one stops the mapping from being saved or used: the error of the first, in words. */
function draftError(drafts: Record<string, string>): ApiError | null {
  const first = Object.entries(drafts)[0];
  if (!first) return null;
  return { code: 'INVALID_INPUT', message: `${classProblem(first[0], first[1].trim())} Correct it under “Classes” before saving or importing.` };
}

export interface ImportSlice {
  imp: ImportState;
}

export const createImportSlice: StateCreator<Store, [], [], ImportSlice> = (setStore, getStore) => ({ imp: importState(setStore, getStore) });

function importState(setStore: Parameters<StateCreator<Store, [], [], ImportSlice>>[0], getStore: () => Store): ImportState {
  // The slice's own set and get, on `imp` (a shallow merge, as zustand's set makes at the top).
  const set = (patch: Partial<ImportState>) => setStore((s) => ({ imp: { ...s.imp, ...patch } }));
  const get = () => getStore().imp;
  let polling: ReturnType<typeof setInterval> | null = null;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  let refreshSeq = 0;
  /** The mapping changed on screen: it is the user's own now, and the preview follows it. */
  const changed = (m: ImportMapping) => {
    set({ mapping: m, format: CUSTOM });
    get().refresh();
  };
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
    routeMode: 'fixed',
    classDrafts: {},
    phase: 'idle',
    progress: null,
    result: null,
    lifts: {},
    importedInto: null,
    error: null,
    trialError: null,
    notice: null,

    start: (vendorId) => {
      const vendors = getStore().workspace?.document.vendors ?? [];
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
      // The suggested format when one fits; else the user's own mapping, guessed from the names
      // (for JSON: the records where the file's first list of objects is, their fields by name).
      const format = preview.suggested ?? CUSTOM;
      // "Adjust this mapping" then starts from the suggested format's own mapping.
      const suggested = get().formats.find((f) => f.name === preview.suggested);
      const mapping = suggested ? structuredClone(suggested.mapping) : preview.kind === 'jsonl' ? guessJsonMapping(preview) : guessMapping(preview.columns, preview.kind);
      set({ phase: 'ready', preview, format, mapping, routeMode: routeMode(mapping), classDrafts: {} });
      get().refresh(true);
    },
    refresh: (now = false) => {
      if (refreshTimer !== null) clearTimeout(refreshTimer);
      refreshTimer = null;
      const ask = async () => {
        const { path, format, mapping, preview } = get();
        if (!preview || !path.trim()) return;
        const seq = ++refreshSeq;
        const input = format === CUSTOM ? { mapping, kind: preview.kind } : { format };
        const r = await call('import.preview', { path: path.trim(), rows: 50, ...input });
        if (seq !== refreshSeq) return; // a later change asked again
        if (r.ok) set({ preview: r.value, trialError: null });
        else set({ trialError: r.error });
      };
      if (now) void ask();
      else refreshTimer = setTimeout(() => void ask(), REFRESH_MS);
    },
    loadFormats: async () => {
      const r = await call('import.formats', {});
      if (r.ok) set({ formats: r.value.formats });
      else set({ error: r.error });
    },
    setFormat: (name) => {
      const f = get().formats.find((x) => x.name === name);
      // Starting a custom mapping from a format's: its columns and statuses are a good start.
      set({ format: name, ...(name === CUSTOM || !f ? {} : { mapping: structuredClone(f.mapping), routeMode: routeMode(f.mapping), classDrafts: {} }) });
      get().refresh(true);
    },
    setColumn: (field, column) => {
      const m = structuredClone(get().mapping);
      if (column === null) delete m.columns[field];
      else m.columns[field] = column;
      changed(m);
    },
    setStatus: (value, event) => {
      const m = structuredClone(get().mapping);
      const events = { ...(m.events ?? {}) };
      if (event === undefined) delete events[value];
      else events[value] = event;
      m.events = events;
      if (Object.keys(events).length === 0) delete m.events;
      changed(m);
    },
    setDefaultRoute: (route) => {
      const m = structuredClone(get().mapping);
      const defaults = { ...(m.defaults ?? {}) };
      if (route.trim() === '') delete defaults.route;
      else defaults.route = route.trim();
      m.defaults = defaults;
      changed(m);
    },
    setNaiveUtc: (on) => {
      const m = structuredClone(get().mapping);
      if (on) m.naiveTimestampsAreUtc = true;
      else delete m.naiveTimestampsAreUtc;
      changed(m);
    },
    setRecords: (path) => {
      const m = structuredClone(get().mapping);
      m.version = 2;
      if (path === '') delete m.records;
      else m.records = [path];
      changed(m);
    },
    setRouteMode: (mode) => {
      const m = structuredClone(get().mapping);
      const was = routeMode(m);
      if (mode === was) return;
      delete m.routeFrom;
      if (mode !== 'field') delete m.columns.route;
      if (mode !== 'fixed' && m.defaults) delete m.defaults.route;
      if (mode === 'number') m.routeFrom = { channel: get().preview?.kind === 'jsonl' ? 'whatsapp' : 'sms', country: 'number' };
      if (mode === 'fixed') m.defaults = { ...(m.defaults ?? {}), route: m.defaults?.route ?? '' };
      if (m.defaults && m.defaults.route === '') delete m.defaults.route;
      // The route rule and its class table go: so do the classes typed there that were not ones.
      set({ routeMode: mode, classDrafts: {} });
      changed(m);
    },
    setRouteRule: (patch) => {
      const m = structuredClone(get().mapping);
      const rule = { ...(m.routeFrom ?? { channel: 'sms' as Channel, country: 'number' }) };
      if (patch.channel) rule.channel = patch.channel;
      if (patch.prefix !== undefined) {
        if (patch.prefix) rule.prefixes = { 'whatsapp:': 'whatsapp' };
        else delete rule.prefixes;
      }
      if (patch.number !== undefined) {
        if (patch.number === null) delete rule.number;
        else rule.number = patch.number;
      }
      if (patch.classFrom !== undefined) {
        if (patch.classFrom === null) delete rule.classFrom;
        else rule.classFrom = patch.classFrom;
        // Another field's values: the class table of the last one no longer applies.
        delete rule.classes;
        set({ classDrafts: {} });
      }
      m.routeFrom = rule;
      changed(m);
    },
    setQualifier: (status, field) => {
      const m = structuredClone(get().mapping);
      const qualifiers = { ...(m.qualifiers ?? {}) };
      const key = Object.keys(qualifiers).find((k) => k.toLowerCase() === status.toLowerCase()) ?? status;
      if (field === null) delete qualifiers[key];
      else qualifiers[key] = { ...(qualifiers[key] ?? { values: {} }), field };
      if (Object.keys(qualifiers).length === 0) delete m.qualifiers;
      else m.qualifiers = qualifiers;
      changed(m);
    },
    setQualifierValue: (status, value, event) => {
      const m = structuredClone(get().mapping);
      const key = Object.keys(m.qualifiers ?? {}).find((k) => k.toLowerCase() === status.toLowerCase());
      if (key === undefined) return;
      const q = m.qualifiers![key]!;
      const values = { ...q.values };
      if (event === undefined) delete values[value];
      else values[value] = event;
      q.values = values;
      changed(m);
    },
    setTimeFormat: (format) => {
      const m = structuredClone(get().mapping);
      if (format === '') delete m.timeFormat;
      else m.timeFormat = format;
      changed(m);
    },
    setTimeZone: (zone) => {
      const m = structuredClone(get().mapping);
      delete m.naiveTimestampsAreUtc;
      if (zone.trim() === '') delete m.timeZone;
      else m.timeZone = zone.trim();
      changed(m);
    },
    setIdentity: (withRecipient) => {
      const m = structuredClone(get().mapping);
      const message = { ...(m.message ?? {}) };
      if (withRecipient) message.withRecipient = true;
      else delete message.withRecipient;
      if (Object.keys(message).length === 0) delete m.message;
      else m.message = message;
      changed(m);
    },
    setPartsOf: (field) => {
      const m = structuredClone(get().mapping);
      const message = { ...(m.message ?? {}) };
      if (field === null) delete message.partsOf;
      else message.partsOf = field;
      if (Object.keys(message).length === 0) delete m.message;
      else m.message = message;
      changed(m);
    },
    setCohortValue: (value, cohort) => {
      const m = structuredClone(get().mapping);
      // The first value listed starts the table: the values seen that already say exposed or holdout keep meaning it.
      const cohorts: Record<string, Cohort> = m.cohorts
        ? { ...m.cohorts }
        : Object.fromEntries((get().preview?.cohortValues ?? []).filter((x) => /^(exposed|holdout)$/i.test(x.value)).map((x) => [x.value, x.value.toLowerCase() as Cohort]));
      for (const k of Object.keys(cohorts)) if (k.toLowerCase() === value.toLowerCase()) delete cohorts[k];
      if (cohort !== undefined) cohorts[value] = cohort;
      if (Object.keys(cohorts).length === 0) delete m.cohorts;
      else m.cohorts = cohorts;
      changed(m);
    },
    setDefaultCohort: (cohort) => {
      const m = structuredClone(get().mapping);
      const defaults = { ...(m.defaults ?? {}) };
      if (cohort === 'exposed') delete defaults.cohort;
      else defaults.cohort = cohort;
      if (Object.keys(defaults).length === 0) delete m.defaults;
      else m.defaults = defaults;
      changed(m);
    },
    setClassValue: (value, name) => {
      const typed = name.trim();
      const drafts = { ...get().classDrafts };
      delete drafts[value];
      if (classProblem(value, typed) !== null) {
        // Not a class: shown with its error; the mapping keeps what it had for the value.
        set({ classDrafts: { ...drafts, [value]: name } });
        return;
      }
      set({ classDrafts: drafts });
      const m = structuredClone(get().mapping);
      if (!m.routeFrom) return;
      // The first value given a class starts the table: the other values seen keep the class they had (themselves, in lower case).
      const classes: Record<string, string> = m.routeFrom.classes
        ? { ...m.routeFrom.classes }
        : Object.fromEntries((get().preview?.classValues ?? []).filter((x) => CLASS_NAME.test(x.value)).map((x) => [x.value, x.value.toLowerCase()]));
      delete classes[value];
      if (typed !== '') classes[value] = typed;
      if (Object.keys(classes).length === 0) delete m.routeFrom.classes;
      else m.routeFrom.classes = classes;
      changed(m);
    },
    savePreset: async (name) => {
      const draft = draftError(get().classDrafts);
      if (draft) {
        set({ error: draft });
        return false;
      }
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
      const ws = getStore().workspace;
      if (!ws) return;
      if (!vendorId) return set({ error: { code: 'INVALID_INPUT', message: 'Choose the vendor whose pilot this log is.' } });
      if (!path.trim()) return set({ error: { code: 'INVALID_INPUT', message: 'Name the event log to import.' } });
      const draft = format === CUSTOM ? draftError(get().classDrafts) : null;
      if (draft) return set({ error: draft });
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
        return set({
          phase: 'ready',
          progress: null,
          error: r.error.code === 'CANCELLED' ? null : r.error,
          notice: r.error.code === 'CANCELLED' ? 'Import cancelled: the workspace is as it was.' : null,
        });
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
      setStore({ workspace: r.value.state });
      const lifts: Record<string, HoldoutResult> = {};
      for (const [route, c] of Object.entries(r.value.result.counts)) {
        if (!c.holdout || c.holdout.members === 0 || c.sent === 0) continue;
        const h = await call('holdout', { exposed: [c.converted, c.sent], holdout: [c.holdout.converted, c.holdout.members] });
        if (h.ok) lifts[route] = h.value;
      }
      set({ lifts });
      await getStore().recompute();
    },
    cancel: async () => {
      if (importId) await call('import.cancel', { importId });
    },
  };
}
