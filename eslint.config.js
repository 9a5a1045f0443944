// Lint, and above all the layers of the design card: each room imports only what its line allows.
// A wrong import fails `npm test` (it runs `npm run lint`), not a reviewer's memory.
import tseslint from 'typescript-eslint';

const layer = (files, patterns, extra = {}) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns, ...extra }],
  },
});

const ELECTRON = { regex: '^electron(/.*)?$', message: 'Only electron/main, electron/preload and the platform adapter import electron.' };
const RENDERER = { group: ['**/renderer/**'], message: 'The back end never imports the renderer.' };
// Casts that silence the type checker instead of telling it something: `x as never` fits any type, and
// `x as unknown as T` turns anything into T. Say the type (a generic helper, a union, satisfies) instead.
const AS_NEVER = {
  selector: ':matches(:matches(TSAsExpression, TSTypeAssertion) > TSNeverKeyword.typeAnnotation, :matches(TSAsExpression, TSTypeAssertion) > TSArrayType.typeAnnotation > TSNeverKeyword)',
  message: 'No `as never` (nor `as never[]`): it fits any type and checks nothing; type the value instead.',
};
const AS_UNKNOWN_AS = {
  selector: 'TSAsExpression > TSAsExpression.expression > TSUnknownKeyword.typeAnnotation',
  message: 'No `as unknown as`: it turns anything into anything; type the value instead.',
};
// The files that still hold an `as unknown as` (issue 15 item 4): none may gain one; remove each as it is typed.
const STILL_AS_UNKNOWN_AS = [
  'electron/api/document.ts',
  'electron/export/chromium-printer.ts',
  'electron/store/history.ts',
  'test/bench/engine.bench.ts',
  'test/fuzz/document.test.ts',
  'test/fuzz/import-harness.ts',
  'test/unit/chart-datasets.test.ts',
  'test/unit/decision-words.test.ts',
  'test/unit/model-rules.test.ts',
  'test/unit/model-v12.test.ts',
  'test/unit/months-grid.test.ts',
  'test/unit/path-grants.test.ts',
  'test/unit/properties.test.ts',
];
const RENDERER_LAYER = [
  { regex: '^(node:.*|fs|path|os|child_process|electron(/.*)?|better-sqlite3)$', message: 'The renderer runs in a sandboxed page: no node, no electron.' },
  { group: ['**/electron/*', '!**/electron/api', '!**/electron/api/**', '!**/electron/engine'], message: 'The renderer imports electron/api and engine types only.' },
  { group: ['**/electron/engine/**'], allowTypeImports: true, message: 'The renderer imports engine types only.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', AS_NEVER, AS_UNKNOWN_AS],
    },
  },
  { files: STILL_AS_UNKNOWN_AS, rules: { 'no-restricted-syntax': ['error', AS_NEVER] } },
  // The engine: pure functions; itself and the decimal library, nothing else (no node, no DOM).
  layer(['electron/engine/**/*.ts'], [{ regex: '^(?!\\./|decimal\\.js$).*', message: 'electron/engine imports only itself (./...) and decimal.js.' }]),
  // The contract: zod and the engine's types.
  layer(
    ['electron/api/**/*.ts'],
    [
      { regex: '^(?!\\./|zod$|\\.\\./engine/).*', message: 'electron/api imports only zod, itself and engine types.' },
      { group: ['../engine/*', '!../engine/types.js'], allowTypeImports: true, message: 'electron/api may import engine types only (import type).' },
    ],
  ),
  // Store, import, export, services, host, CLI: anything of the back end but electron and the renderer.
  layer(['electron/{store,import,export,services,host,cli}/**/*.ts'], [ELECTRON, RENDERER]),
  layer(['electron/{main,preload}/**/*.ts'], [RENDERER]),
  // The renderer: electron/api and engine types, nothing else of electron/; no node.
  layer(['renderer/**/*.{ts,tsx}'], RENDERER_LAYER),
  // Its state: the screens import the store, never the other way round (a rule of a file replaces the one above, so both are given).
  layer(['renderer/src/state/**/*.{ts,tsx}'], [...RENDERER_LAYER, { group: ['**/features', '**/features/**'], message: 'renderer/src/state never imports a feature: the screens import the store.' }]),
);
