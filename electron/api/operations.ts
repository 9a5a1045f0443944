/**
 * The contract: one table of operations, each with a schema for its input and its output. Electron
 * IPC, the browser host and the command line all reach the app through `dispatch(op, input)`
 * (electron/services/dispatch.ts), which checks the input against this table first.
 *
 * Edits name what they change by id (streams, vendors) or by position (a vendor's routes, fees and
 * pilots, as in the document), take the new values of the fields they change, and answer with the
 * workspace's new state. Every edit is committed to the file at once and can be undone.
 */
import * as z from 'zod';
import type { ComputeJson } from '../engine/result-json.js';
import type { HoldoutResult, SampleSize } from '../engine/stats.js';
import type { SegmentCount } from '../engine/segments.js';
import { parts, type WorkspaceDocument } from './document.js';
import { LIMITS } from './limits.js';
import type { DocumentChanges, ResultChanges } from './document-changes.js';
import { EDIT_OP_NAMES, type OpNameList } from './op-names.js';
import type { ApiResult } from './errors.js';
import type { FilePreview, ImportFormat, ImportProgressJson } from './import-model.js';

const handle = z.string().min(1, 'must not be empty').max(100);
// No NUL: no file system takes one (Node would throw a TypeError deep in a handler).
/**
 * What to do when the file to be written exists: 'fail' says so (the default); 'rename' takes the
 * next free name ("Sample RFP 2.tcows"); 'replace' writes over it, for a save dialog that has
 * already asked the person. A file open in the app is never replaced.
 */
const ifExists = z.enum(['fail', 'rename', 'replace']);
const filePath = z
  .string()
  .min(1, 'must not be empty')
  .max(4096)
  .refine((p) => !p.includes('\0'), { error: 'must not contain a NUL character' });
const index = z.number().int('must be a whole number').min(0, 'must be >= 0');
const formatName = z.string().trim().min(1, 'must not be empty').max(100);
const importKind = z.enum(['csv', 'jsonl'], { error: (iss) => (iss.input === undefined ? 'is required' : 'must be csv or jsonl') });
const importId = z.string().min(1, 'must not be empty').max(100);

/** A field of a part as a patch takes it: without its default (a patch never fills in a field it leaves out). */
type Bare<T> = T extends z.ZodDefault<infer I> ? I : T;
/** The shape of a patch of a part: each field but those left out, optional and without its default. */
type PatchShape<T extends z.ZodRawShape, O extends keyof T> = { [K in Exclude<keyof T, O>]: z.ZodOptional<Bare<T[K]>> };

/** A patch: some fields of a part, each checked as in the document; unknown fields are errors. */
function patch<T extends z.ZodRawShape, O extends keyof T = never>(schema: z.ZodObject<T>, omit: readonly O[] = []) {
  const left = new Set<PropertyKey>(omit);
  // A patch names only what changes: the document's defaults must not fill in the fields it leaves out.
  const bare = (t: z.core.$ZodType): z.core.$ZodType => (t instanceof z.ZodDefault ? t.unwrap() : t);
  const optional: z.ZodRawShape = Object.fromEntries(Object.entries(schema.shape).flatMap(([k, v]) => (left.has(k) ? [] : [[k, z.optional(bare(v))]])));
  // What the line above builds, field by field (Object.fromEntries cannot say it).
  return z.strictObject(optional as PatchShape<T, O>).refine((p) => Object.keys(p).length > 0, { error: 'names no field to change' });
}

const settingsPatch = z
  .strictObject({
    name: z.string().max(500).optional(),
    baseCurrency: parts.currency.optional(),
    startMonth: parts.yearMonth.optional(),
    horizonMonths: z.number().int('must be a whole number of months').min(1, 'must be at least 1').max(600, 'must be at most 600').optional(),
    discountRate: parts.decimal.optional(),
    hourlyRate: parts.nonNegDecimal.optional(),
    riskAdjustment: parts.rate01.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { error: 'names no field to change' });

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

/** `tco import --json` (FORMAT.md). */
export interface ImportResultJson {
  file: string;
  events: number;
  duplicates: number;
  messages: number;
  anomalies: { kind: 'engaged-before-delivered' | 'delivered-after-failed' | 'unknown-message' | 'future-timestamp'; messageId: string; line: number }[];
  counts: Record<
    string,
    { sent: number; delivered: number; failed: Record<string, number>; engaged: number; converted: number; optedOut: number; complained: number; holdout?: { members: number; converted: number } }
  >;
  /** v1.2: records whose status the format reads past, by value; present only when some were. */
  ignored?: Record<string, number>;
  /** v1.2: records without a timestamp; present only when some were. */
  untimed?: number;
}

export interface ImportOutput {
  result: ImportResultJson;
  /**
   * The routes of the added pilots when every one of them equals a pilot the vendor already had:
   * most likely the same log imported again, whose messages now count twice (Undo removes it).
   * Empty otherwise.
   */
  repeated: string[];
  state: WorkspaceState;
}

/** workspace.edit: the state after the edit, and the totals computed from it (or why they cannot be). */
export interface EditOutput {
  state: WorkspaceState;
  /** The tag of the state's document: given as the next edit's `since`, that edit answers with the document's changes only. */
  tag: number;
  /** The base's totals, with every scenario's. */
  totals: ApiResult<ComputeJson>;
  /** An edit made in a scenario: that scenario's own totals (what the editing screens show in it). */
  scenarioTotals?: ApiResult<ComputeJson>;
}

/**
 * workspace.edit given `since`, the tag of the document the caller holds (the last edit's answer):
 * the state with the changes from that document in place of the document, and the totals as their
 * changes from the totals answered with it when both were computed (./document-changes.ts). A
 * `since` that is not the tag of the last document answered gets the whole document (EditOutput).
 */
export interface EditChangesOutput extends Omit<EditOutput, 'state' | 'totals'> {
  state: Omit<WorkspaceState, 'document'> & { changes: DocumentChanges };
  totals: ApiResult<ComputeJson> | { ok: true; changes: ResultChanges };
}

export interface WorkspaceState {
  handle: string;
  path: string;
  readOnly: boolean;
  document: WorkspaceDocument;
  history: HistoryState;
  /** The scenario asked for (workspace.get, history.undo/redo, or an edit made in it); absent otherwise. */
  scenario?: ScenarioView;
}

const historyState = z.strictObject({ canUndo: z.boolean(), canRedo: z.boolean(), undoLabel: z.string().nullable(), redoLabel: z.string().nullable() });
const workspaceState = z.custom<WorkspaceState>((x) => typeof x === 'object' && x !== null && 'handle' in x && 'document' in x);
const state = { output: workspaceState };
/** A line of the report's title page: whom it is prepared for or by. */
const reportSetting = z
  .string()
  .max(200, 'must be at most 200 characters')
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: 'must be one line of text' });
const reportSettingsOutput = z.strictObject({ preparedFor: z.string(), preparedBy: z.string() });

function op<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string) {
  return { input, output, doc };
}

const onWorkspace = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ handle, ...shape });
/**
 * An ordinary edit, made on the base or, given `scenario` (a scenario's id), in that scenario: the
 * edit applies to the scenario's patched document and the scenario's patch becomes the difference
 * between the base and the result (RFC 6902), so the base is left as it was.
 */
const scenarioRef = parts.id.optional();
const onEdit = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ handle, ...shape, scenario: scenarioRef });
const scenarioName = z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');

/**
 * A scenario seen through the API: its document (the base with the scenario's changes applied, no
 * scenarios of its own), or why its changes cannot be applied to the base as it is now.
 */
export interface ScenarioView {
  id: string;
  name: string;
  document: WorkspaceDocument | null;
  error: string | null;
  /** The position (0 for the first) of the change that cannot be applied, when one is to blame. */
  failedOperation: number | null;
}

export const operations = {
  // Files
  'workspace.create': op(
    z.strictObject({ path: filePath, from: z.unknown().optional(), ifExists: ifExists.optional() }),
    state.output,
    'Create a workspace file, empty or from a document; if the file exists: fail (the default), take the next free name, or replace it (after the person confirmed).',
  ),
  'workspace.open': op(z.strictObject({ path: filePath }), state.output, 'Open a workspace file (migrating an older one after a backup copy).'),
  'workspace.close': op(onWorkspace({}), z.strictObject({ closed: z.literal(true) }), 'Close an open workspace.'),
  'workspace.get': op(onWorkspace({ scenario: scenarioRef }), state.output, "The document and the undo state of an open workspace; with `scenario`, that scenario's document too."),
  'workspace.saveAs': op(
    onWorkspace({ path: filePath, ifExists: ifExists.optional() }),
    state.output,
    'Copy the workspace to a new file and go on in the copy; an existing file is replaced only with ifExists "replace".',
  ),
  'workspace.exportDocument': op(onWorkspace({ path: filePath }), z.strictObject({ path: z.string() }), 'Write the workspace as a FORMAT.md document (.json).'),
  'export.pdf': op(
    z
      .strictObject({
        handle: handle.optional(),
        document: z.unknown().optional(),
        path: filePath,
        draws: z.number().int('must be a whole number').min(0).max(1_000_000).optional(),
        seed: z.number().int('must be a whole number').min(0).max(4294967295).optional(),
      })
      .refine((x) => (x.handle === undefined) !== (x.document === undefined), { error: 'give either a handle or a document' }),
    z.strictObject({ path: z.string(), pages: z.number().int() }),
    "Write the business-case report (recommendation, costs with uncertainty, ROI, assumptions, evidence, sensitivity, break-even, methodology) as a PDF, of an open workspace or a document; the compare screen's draws and seed (2,000, seed 1) unless given, so its percentiles are the screen's.",
  ),
  'report.settings': op(
    onWorkspace({ preparedFor: reportSetting.optional(), preparedBy: reportSetting.optional() }),
    reportSettingsOutput,
    'The report\'s "prepared for" and "prepared by" of an open workspace, printed on its title page. They are kept in the workspace file beside the document (the document has no such fields); those given are saved at once, on their own (not an undoable edit). Answers with both as saved.',
  ),
  'workspace.recent': op(z.strictObject({}), z.strictObject({ files: z.array(z.string()), folder: z.string() }), 'Recently opened files, and the folder new workspaces go to by default.'),
  'workspace.edit': op(
    onWorkspace({
      op: z.enum(EDIT_OP_NAMES, { error: (iss) => (iss.input === undefined ? 'is required but missing' : `must be one of ${EDIT_OP_NAMES.join(', ')}`) }),
      input: z.record(z.string(), z.unknown()),
      since: z.number().int().nonnegative().optional(),
    }),
    z.custom<EditOutput | EditChangesOutput>((x) => typeof x === 'object' && x !== null && 'state' in x && 'totals' in x),
    "Run one edit (`op`, with its `input` less the handle; refused as that operation refuses it) and answer, in the same call, with the new state and the totals (`compute` with draws 0, no sensitivity, break-even or months, the scenarios included); an edit made in a scenario (`input.scenario`) also answers with the totals of that scenario alone. The edit is committed before the answer; totals that cannot be computed are an error beside the state, not a failed edit. The answer tags its document (`tag`); given that tag as the next edit's `since`, the next answer's state carries the changes from that document (`state.changes`: document-changes.ts) in place of `state.document`, if the tag is still the last one answered for the workspace, else the whole document.",
  ),

  // History
  'history.undo': op(onWorkspace({ scenario: scenarioRef }), state.output, "Undo the last edit (with `scenario`, the answer holds that scenario's document too, if it is still there)."),
  'history.redo': op(onWorkspace({ scenario: scenarioRef }), state.output, 'Redo the last undone edit (with `scenario`, as for undo).'),

  // Scenarios (MODEL.md v1.2 section 7): named "what if" cases, each a patch against the base
  'scenarios.add': op(onWorkspace({ name: scenarioName }), state.output, 'Add a scenario (with no change yet); its id is made from its name.'),
  'scenarios.rename': op(onWorkspace({ id: parts.id, name: scenarioName }), state.output, 'Rename a scenario.'),
  'scenarios.remove': op(onWorkspace({ id: parts.id }), state.output, 'Remove a scenario and its changes.'),
  'scenarios.removeOperation': op(
    onWorkspace({ id: parts.id, index }),
    state.output,
    "Remove one of a scenario's changes (an operation of its patch, by position), with the tests just before it that check only the entries it changes (an edit made in a scenario writes them).",
  ),

  // Settings, FX, defaults
  'settings.update': op(onEdit({ patch: settingsPatch }), state.output, 'Change workspace settings.'),
  'fx.set': op(onEdit({ rate: parts.fxRate }), state.output, 'Add or replace the rate of a currency.'),
  'fx.remove': op(onEdit({ currency: parts.currency }), state.output, 'Remove the rate of a currency.'),
  'defaults.set': op(onEdit({ channel: parts.channel, rates: parts.channelDefaults }), state.output, 'Set the assumed delivery and engagement rates of a channel.'),
  'defaults.remove': op(onEdit({ channel: parts.channel }), state.output, 'Remove the assumed rates of a channel.'),

  // Streams
  'streams.add': op(onEdit({ stream: parts.stream }), state.output, 'Add a message stream.'),
  'streams.update': op(onEdit({ id: parts.id, patch: patch(parts.stream) }), state.output, 'Change fields of a stream (a new id renames it).'),
  'streams.remove': op(onEdit({ id: parts.id }), state.output, 'Remove a stream.'),

  // Vendors and their quotes
  'vendors.add': op(onEdit({ vendor: parts.vendor }), state.output, 'Add a vendor with its quote.'),
  'vendors.update': op(
    onEdit({ id: parts.id, patch: z.strictObject({ id: parts.id.optional(), name: z.string().max(500).optional() }).refine((p) => Object.keys(p).length > 0, { error: 'names no field to change' }) }),
    state.output,
    'Rename a vendor or change its id (references follow).',
  ),
  'vendors.remove': op(onEdit({ id: parts.id }), state.output, 'Remove a vendor.'),
  'quote.update': op(onEdit({ vendorId: parts.id, patch: patch(parts.quote, ['routes', 'fees']) }), state.output, "Change a quote's currency, escalator, discount or commits."),
  'routes.add': op(onEdit({ vendorId: parts.id, route: parts.route }), state.output, 'Add a priced route to a quote.'),
  'routes.update': op(onEdit({ vendorId: parts.id, index, patch: patch(parts.route) }), state.output, 'Change a route: class, price or tiers, tier mode, billing, pass-through and its changes.'),
  'routes.remove': op(onEdit({ vendorId: parts.id, index }), state.output, 'Remove a route from a quote.'),
  'fees.add': op(onEdit({ vendorId: parts.id, fee: parts.fee }), state.output, 'Add a fee.'),
  'fees.update': op(onEdit({ vendorId: parts.id, index, patch: patch(parts.fee) }), state.output, 'Change a fee.'),
  'fees.remove': op(onEdit({ vendorId: parts.id, index }), state.output, 'Remove a fee.'),
  'internal.update': op(onEdit({ vendorId: parts.id, patch: patch(parts.internal) }), state.output, "Change a vendor's internal costs."),
  'pilots.add': op(onEdit({ vendorId: parts.id, pilot: parts.pilot }), state.output, 'Add pilot results.'),
  'pilots.update': op(onEdit({ vendorId: parts.id, index, patch: patch(parts.pilot) }), state.output, 'Change pilot results.'),
  'pilots.remove': op(onEdit({ vendorId: parts.id, index }), state.output, 'Remove pilot results.'),

  // Evidence
  import: op(
    onWorkspace({
      path: filePath,
      vendorId: parts.id,
      format: formatName.optional(),
      mapping: z.unknown().optional(),
      kind: importKind.optional(),
      importId: importId.optional(),
    }),
    z.custom<ImportOutput>((x) => typeof x === 'object' && x !== null && 'result' in x),
    "Import a pilot's event log (MODEL.md section 8) into a vendor's pilots, all or nothing. `format` is a built-in or saved format's name; `mapping` (with `kind`) maps another file's columns; `importId` lets import.progress and import.cancel find it.",
  ),
  'import.formats': op(
    z.strictObject({}),
    z.strictObject({ formats: z.array(z.custom<ImportFormat>()) }),
    'The formats the importer reads: built in (generic and vendor presets) and saved by the user.',
  ),
  'import.preview': op(
    z.strictObject({ path: filePath, format: formatName.optional(), mapping: z.unknown().optional(), kind: importKind.optional(), rows: z.number().int().min(0).max(1000).optional() }),
    z.custom<FilePreview>((x) => typeof x === 'object' && x !== null && 'columns' in x),
    'The first rows of an event log, its columns, and the built-in format they fit, for the mapping step.',
  ),
  'import.savePreset': op(
    z.strictObject({ name: formatName, label: z.string().max(200).optional(), kind: importKind, mapping: z.unknown() }),
    z.strictObject({ formats: z.array(z.custom<ImportFormat>()) }),
    'Save a column mapping under a name, for the next file of the same shape.',
  ),
  'import.removePreset': op(z.strictObject({ name: formatName }), z.strictObject({ formats: z.array(z.custom<ImportFormat>()) }), 'Remove a saved column mapping.'),
  'import.progress': op(z.strictObject({ importId }), z.custom<ImportProgressJson>(), 'Bytes read of the total by a running import.'),
  'import.cancel': op(z.strictObject({ importId }), z.strictObject({ cancelled: z.boolean() }), 'Cancel a running import: the workspace stays as it was.'),

  // Exports of a computed workspace (electron/export/README.md)
  'export.xlsx': op(
    z
      .strictObject({
        handle: handle.optional(),
        document: z.unknown().optional(),
        path: filePath,
        draws: z.number().int('must be a whole number').min(0).max(1_000_000).optional(),
        seed: z.number().int('must be a whole number').min(0).max(4294967295).optional(),
      })
      .refine((x) => (x.handle === undefined) !== (x.document === undefined), { error: 'give either a handle or a document' }),
    z.strictObject({ path: z.string() }),
    'Write the workbook (.xlsx) of an open workspace or a document: Inputs, Monthly and Summary as formulas that recompute the totals, Evidence, Sensitivity; written whole or not at all.',
  ),
  'export.csv': op(
    z
      .strictObject({
        handle: handle.optional(),
        document: z.unknown().optional(),
        path: filePath,
        table: z.enum(['compare', 'monthly'], { error: (iss) => (iss.input === undefined ? 'is required' : 'must be compare or monthly') }),
        draws: z.number().int('must be a whole number').min(0).max(1_000_000).optional(),
        seed: z.number().int('must be a whole number').min(0).max(4294967295).optional(),
      })
      .refine((x) => (x.handle === undefined) !== (x.document === undefined), { error: 'give either a handle or a document' }),
    z.strictObject({ path: z.string() }),
    'Write the compare table (one row per vendor) or the monthly rows as RFC 4180 CSV, money at the minor unit; written whole or not at all.',
  ),

  // Analyses
  compute: op(
    z
      .strictObject({
        handle: handle.optional(),
        document: z.unknown().optional(),
        draws: z.number().int('must be a whole number').min(0).max(1_000_000).optional(),
        seed: z.number().int('must be a whole number').min(0).max(4294967295).optional(),
        sensitivity: z.boolean().optional(),
        breakEven: z.boolean().optional(),
        monthly: z.boolean().optional(),
        /** Price to win per vendor (default true; the totals pass of a keystroke leaves it to the analyses). */
        priceToWin: z.boolean().optional(),
        scenario: scenarioRef,
      })
      .refine((x) => (x.handle === undefined) !== (x.document === undefined), { error: 'give either a handle or a document' })
      .refine((x) => x.scenario === undefined || x.handle !== undefined, { error: 'a scenario is computed in an open workspace: give its handle', path: ['scenario'] }),
    z.custom<ComputeJson>((x) => typeof x === 'object' && x !== null && 'vendors' in x),
    'Every number of MODEL.md for the workspace (an open one, or a document); with `scenario`, for that scenario of the open workspace as if it were the base (its `scenarios` empty).',
  ),
  segments: op(z.strictObject({ text: z.string().max(LIMITS.textChars) }), z.custom<SegmentCount>(), 'SMS segments of a text (MODEL.md section 9).'),
  holdout: op(
    z.strictObject({ exposed: z.tuple([parts.count, parts.count]), holdout: z.tuple([parts.count, parts.count]) }),
    z.custom<HoldoutResult>(),
    'Holdout lift, p-value and Newcombe interval (MODEL.md section 10).',
  ),
  sampleSize: op(
    z.strictObject({
      p0: z.number().gt(0, 'must be above 0').lt(1, 'must be below 1'),
      lift: z.number().gt(0, 'must be above 0').lt(1, 'must be below 1'),
      alpha: z.number().gt(0).lt(1).optional(),
      power: z.number().gt(0).lt(1).optional(),
    }),
    z.custom<SampleSize>(),
    'Sample size per group to detect a lift (MODEL.md section 10).',
  ),
} as const;

export type Operations = typeof operations;
export type OpName = keyof Operations;
export type OpInput<K extends OpName> = z.input<Operations[K]['input']>;
export type OpOutput<K extends OpName> = z.output<Operations[K]['output']>;

export { OP_NAMES } from './op-names.js';

// The list of names and the table have the same operations (a compile-time check both ways).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatchTable: Same<OpName, OpNameList> = true;
void namesMatchTable;

export function isOpName(x: unknown): x is OpName {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(operations, x);
}

export { historyState };
