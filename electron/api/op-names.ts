/**
 * The names of the contract's operations, apart from their schemas so the preload and the renderer
 * can list them without bundling zod. operations.ts checks at compile time that the two agree.
 */

/** The edits: each changes the document, is committed at once and can be undone (workspace.edit runs one). */
export const EDIT_OP_NAMES = [
  'settings.update',
  'fx.set',
  'fx.remove',
  'defaults.set',
  'defaults.remove',
  'streams.add',
  'streams.update',
  'streams.remove',
  'vendors.add',
  'vendors.update',
  'vendors.remove',
  'quote.update',
  'routes.add',
  'routes.update',
  'routes.remove',
  'fees.add',
  'fees.update',
  'fees.remove',
  'internal.update',
  'pilots.add',
  'pilots.update',
  'pilots.remove',
  'scenarios.add',
  'scenarios.rename',
  'scenarios.remove',
  'scenarios.removeOperation',
] as const;

/** The edits that can be made in a scenario (their input's `scenario`): every edit but the scenarios' own. */
export type ScenarioEditOpName = Exclude<(typeof EDIT_OP_NAMES)[number], `scenarios.${string}`>;

export type EditOpName = (typeof EDIT_OP_NAMES)[number];

/** Every operation of the contract, the edits among them. */
export const OP_NAMES = [
  'workspace.create',
  'workspace.open',
  'workspace.close',
  'workspace.get',
  'workspace.saveAs',
  'workspace.exportDocument',
  'export.pdf',
  'report.settings',
  'workspace.recent',
  'workspace.edit',
  'history.undo',
  'history.redo',
  ...EDIT_OP_NAMES,
  'import',
  'import.formats',
  'import.preview',
  'import.savePreset',
  'import.removePreset',
  'import.progress',
  'import.cancel',
  'export.xlsx',
  'export.csv',
  'compute',
  'segments',
  'holdout',
  'sampleSize',
] as const;

export type OpNameList = (typeof OP_NAMES)[number];
