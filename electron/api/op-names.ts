/**
 * The names of the contract's operations, apart from their schemas so the preload and the renderer
 * can list them without bundling zod. operations.ts checks at compile time that the two agree.
 */
export const OP_NAMES = [
  'workspace.create',
  'workspace.open',
  'workspace.close',
  'workspace.get',
  'workspace.saveAs',
  'workspace.exportDocument',
  'workspace.recent',
  'history.undo',
  'history.redo',
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
  'import',
  'compute',
  'segments',
  'holdout',
  'sampleSize',
] as const;

export type OpNameList = (typeof OP_NAMES)[number];
