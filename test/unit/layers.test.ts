/**
 * The layer rules of eslint.config.js still bite: a forbidden import in each room is an error,
 * an allowed one is not. (A lint rule that silently stopped matching would let layers rot.)
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function restricted(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: file });
  return r!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('the engine imports only itself and decimal.js', async () => {
    expect(await restricted('electron/engine/x.ts', "import { a } from './plan.js';\nimport { Decimal } from 'decimal.js';\nexport const y = [a, Decimal];\n")).toEqual([]);
    expect(await restricted('electron/engine/x.ts', "import { z } from 'zod';\nexport const y = z;\n")).toHaveLength(1);
    expect(await restricted('electron/engine/x.ts', "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n")).toHaveLength(1);
    expect(await restricted('electron/engine/x.ts', "import { x } from '../api/document.js';\nexport const y = x;\n")).toHaveLength(1);
  });

  it('the api imports zod and engine types only', async () => {
    expect(
      await restricted(
        'electron/api/x.ts',
        "import { z } from 'zod';\nimport type { ComputeResult } from '../engine/compute.js';\nimport { CHANNELS } from '../engine/types.js';\nexport const y = [z, CHANNELS];\nexport type T = ComputeResult;\n",
      ),
    ).toEqual([]);
    expect(await restricted('electron/api/x.ts', "import { compute } from '../engine/compute.js';\nexport const y = compute;\n")).not.toEqual([]);
    expect(await restricted('electron/api/x.ts', "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n")).toHaveLength(1);
  });

  it('only main and preload import electron', async () => {
    expect(await restricted('electron/services/x.ts', "import { app } from 'electron';\nexport const y = app;\n")).toHaveLength(1);
    expect(await restricted('electron/cli/x.ts', "import { app } from 'electron';\nexport const y = app;\n")).toHaveLength(1);
    expect(await restricted('electron/main/x.ts', "import { app } from 'electron';\nexport const y = app;\n")).toEqual([]);
  });

  it('the renderer imports electron/api and engine types, no node', async () => {
    expect(
      await restricted(
        'renderer/state/x.ts',
        "import { readDocument } from '../../electron/api/document.js';\nimport type { ComputeResult } from '../../electron/engine/compute.js';\nexport const y = readDocument;\nexport type T = ComputeResult;\n",
      ),
    ).toEqual([]);
    expect(await restricted('renderer/state/x.ts', "import { compute } from '../../electron/engine/compute.js';\nexport const y = compute;\n")).toHaveLength(1);
    expect(await restricted('renderer/state/x.ts', "import { runCli } from '../../electron/cli/run.js';\nexport const y = runCli;\n")).toHaveLength(1);
    expect(await restricted('renderer/state/x.ts', "import fs from 'node:fs';\nexport const y = fs;\n")).toHaveLength(1);
  });

  it("the renderer's state imports no feature (the screens import the store); a screen imports the store", async () => {
    expect(await restricted('renderer/src/state/x.ts', "import { suggestedPath } from '../features/export/paths';\nexport const y = suggestedPath;\n")).toHaveLength(1);
    expect(await restricted('renderer/src/state/slices/x.ts', "import { ExportPanel } from '../../features/export/ExportPanel';\nexport const y = ExportPanel;\n")).toHaveLength(1);
    // The renderer's own rules hold there too.
    expect(await restricted('renderer/src/state/slices/x.ts', "import fs from 'node:fs';\nexport const y = fs;\n")).toHaveLength(1);
    expect(await restricted('renderer/src/features/export/x.ts', "import { useStore } from '../../state/store';\nexport const y = useStore;\n")).toEqual([]);
  });

  it('no `as never` anywhere, the store rows included', async () => {
    const casts = async (file: string, code: string) => {
      const [r] = await eslint.lintText(code, { filePath: file });
      return r!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length;
    };
    const code = 'export const x = 1 as never;\nexport const y = 2 as number;\nexport const z = [] as never[];\nexport const w = [] as number[];\n';
    expect(await casts('renderer/src/features/vendors/x.tsx', code)).toBe(2);
    expect(await casts('electron/services/x.ts', code)).toBe(2);
    expect(await casts('test/unit/x.ts', code)).toBe(2);
    expect(await casts('electron/store/document-rows.ts', code)).toBe(2);
  });

  it('no `as unknown as` but in the files listed as still holding one', async () => {
    const casts = async (file: string, code: string) => {
      const [r] = await eslint.lintText(code, { filePath: file });
      return r!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length;
    };
    const code = "export const x = 'a' as unknown as number;\nexport const y = 'b' as string;\n";
    expect(await casts('renderer/src/format.ts', code)).toBe(1);
    expect(await casts('electron/services/x.ts', code)).toBe(1);
    expect(await casts('electron/store/document-rows.ts', code)).toBe(1);
    expect(await casts('test/unit/model-rules.test.ts', code)).toBe(0);
  });
});
