/**
 * The contract: one table of operations, each with a schema for its input and its output. Electron
 * IPC, the browser host and the command line all reach the app through `dispatch(op, input)`
 * (electron/services/dispatch.ts), which checks the input against this table first.
 *
 * Edits name what they change by id (streams, vendors) or by position (a vendor's routes, fees and
 * pilots, as in the document), take the new values of the fields they change, and answer with the
 * workspace's new state. Every edit is committed to the file at once and can be undone.
 */
import { z } from 'zod';
import type { ComputeJson } from '../engine/report.js';
import type { HoldoutResult, SampleSize } from '../engine/stats.js';
import type { SegmentCount } from '../engine/segments.js';
import { parts, type WorkspaceDocument } from './document.js';
import type { OpNameList } from './op-names.js';

const handle = z.string().min(1, 'must not be empty').max(100);
const filePath = z.string().min(1, 'must not be empty').max(4096);
const index = z.number().int('must be a whole number').min(0, 'must be >= 0');

/** A patch: some fields of a part, each checked as in the document; unknown fields are errors. */
function patch<T extends z.ZodRawShape>(schema: z.ZodObject<T>, omit: (keyof T)[] = []) {
  const shape = { ...schema.shape };
  for (const k of omit) delete shape[k];
  // A patch names only what changes: the document's defaults must not fill in the fields it leaves out.
  const bare = (t: z.ZodType): z.ZodType => (t instanceof z.ZodDefault ? (t.unwrap() as z.ZodType) : t);
  const optional = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, bare(v as z.ZodType).optional()]));
  return z.strictObject(optional).refine((p) => Object.keys(p).length > 0, { error: 'names no field to change' });
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
  counts: Record<string, { sent: number; delivered: number; failed: Record<string, number>; engaged: number; converted: number; optedOut: number; complained: number; holdout?: { members: number; converted: number } }>;
}

export interface ImportOutput {
  result: ImportResultJson;
  state: WorkspaceState;
}

export interface WorkspaceState {
  handle: string;
  path: string;
  readOnly: boolean;
  document: WorkspaceDocument;
  history: HistoryState;
}

const historyState = z.strictObject({ canUndo: z.boolean(), canRedo: z.boolean(), undoLabel: z.string().nullable(), redoLabel: z.string().nullable() });
const workspaceState = z.custom<WorkspaceState>((x) => typeof x === 'object' && x !== null && 'handle' in x && 'document' in x);
const state = { output: workspaceState };

function op<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string) {
  return { input, output, doc };
}

const onWorkspace = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ handle, ...shape });

export const operations = {
  // Files
  'workspace.create': op(z.strictObject({ path: filePath, from: z.unknown().optional() }), state.output, 'Create a workspace file, empty or from a document; fails if the file exists.'),
  'workspace.open': op(z.strictObject({ path: filePath }), state.output, 'Open a workspace file (migrating an older one after a backup copy).'),
  'workspace.close': op(onWorkspace({}), z.strictObject({ closed: z.literal(true) }), 'Close an open workspace.'),
  'workspace.get': op(onWorkspace({}), state.output, 'The document and the undo state of an open workspace.'),
  'workspace.saveAs': op(onWorkspace({ path: filePath }), state.output, 'Copy the workspace to a new file and go on in the copy.'),
  'workspace.exportDocument': op(onWorkspace({ path: filePath }), z.strictObject({ path: z.string() }), 'Write the workspace as a FORMAT.md document (.json).'),
  'workspace.recent': op(z.strictObject({}), z.strictObject({ files: z.array(z.string()), folder: z.string() }), 'Recently opened files, and the folder new workspaces go to by default.'),

  // History
  'history.undo': op(onWorkspace({}), state.output, 'Undo the last edit.'),
  'history.redo': op(onWorkspace({}), state.output, 'Redo the last undone edit.'),

  // Settings, FX, defaults
  'settings.update': op(onWorkspace({ patch: settingsPatch }), state.output, 'Change workspace settings.'),
  'fx.set': op(onWorkspace({ rate: parts.fxRate }), state.output, 'Add or replace the rate of a currency.'),
  'fx.remove': op(onWorkspace({ currency: parts.currency }), state.output, 'Remove the rate of a currency.'),
  'defaults.set': op(onWorkspace({ channel: parts.channel, rates: parts.channelDefaults }), state.output, 'Set the assumed delivery and engagement rates of a channel.'),
  'defaults.remove': op(onWorkspace({ channel: parts.channel }), state.output, 'Remove the assumed rates of a channel.'),

  // Streams
  'streams.add': op(onWorkspace({ stream: parts.stream }), state.output, 'Add a message stream.'),
  'streams.update': op(onWorkspace({ id: parts.id, patch: patch(parts.stream) }), state.output, 'Change fields of a stream (a new id renames it).'),
  'streams.remove': op(onWorkspace({ id: parts.id }), state.output, 'Remove a stream.'),

  // Vendors and their quotes
  'vendors.add': op(onWorkspace({ vendor: parts.vendor }), state.output, 'Add a vendor with its quote.'),
  'vendors.update': op(onWorkspace({ id: parts.id, patch: z.strictObject({ id: parts.id.optional(), name: z.string().max(500).optional() }).refine((p) => Object.keys(p).length > 0, { error: 'names no field to change' }) }), state.output, "Rename a vendor or change its id (references follow)."),
  'vendors.remove': op(onWorkspace({ id: parts.id }), state.output, 'Remove a vendor.'),
  'quote.update': op(onWorkspace({ vendorId: parts.id, patch: patch(parts.quote, ['routes', 'fees']) }), state.output, "Change a quote's currency, escalator, discount or commits."),
  'routes.add': op(onWorkspace({ vendorId: parts.id, route: parts.route }), state.output, 'Add a priced route to a quote.'),
  'routes.update': op(onWorkspace({ vendorId: parts.id, index, patch: patch(parts.route) }), state.output, 'Change a route: class, price or tiers, tier mode, billing, pass-through and its changes.'),
  'routes.remove': op(onWorkspace({ vendorId: parts.id, index }), state.output, 'Remove a route from a quote.'),
  'fees.add': op(onWorkspace({ vendorId: parts.id, fee: parts.fee }), state.output, 'Add a fee.'),
  'fees.update': op(onWorkspace({ vendorId: parts.id, index, patch: patch(parts.fee) }), state.output, 'Change a fee.'),
  'fees.remove': op(onWorkspace({ vendorId: parts.id, index }), state.output, 'Remove a fee.'),
  'internal.update': op(onWorkspace({ vendorId: parts.id, patch: patch(parts.internal) }), state.output, "Change a vendor's internal costs."),
  'pilots.add': op(onWorkspace({ vendorId: parts.id, pilot: parts.pilot }), state.output, 'Add pilot results.'),
  'pilots.update': op(onWorkspace({ vendorId: parts.id, index, patch: patch(parts.pilot) }), state.output, 'Change pilot results.'),
  'pilots.remove': op(onWorkspace({ vendorId: parts.id, index }), state.output, 'Remove pilot results.'),

  // Evidence
  import: op(
    onWorkspace({ path: filePath, vendorId: parts.id, format: z.enum(['events-csv', 'events-jsonl']).optional() }),
    z.custom<ImportOutput>((x) => typeof x === 'object' && x !== null && 'result' in x),
    "Import a pilot's event log (MODEL.md section 8) into a vendor's pilots, all or nothing.",
  ),

  // Analyses
  compute: op(
    z.strictObject({
      handle: handle.optional(),
      document: z.unknown().optional(),
      draws: z.number().int('must be a whole number').min(0).max(1_000_000).optional(),
      seed: z.number().int('must be a whole number').min(0).max(4294967295).optional(),
      sensitivity: z.boolean().optional(),
      breakEven: z.boolean().optional(),
      monthly: z.boolean().optional(),
    }).refine((x) => (x.handle === undefined) !== (x.document === undefined), { error: 'give either a handle or a document' }),
    z.custom<ComputeJson>((x) => typeof x === 'object' && x !== null && 'vendors' in x),
    'Every number of MODEL.md for the workspace (an open one, or a document).',
  ),
  segments: op(z.strictObject({ text: z.string().max(100_000) }), z.custom<SegmentCount>(), 'SMS segments of a text (MODEL.md section 9).'),
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
