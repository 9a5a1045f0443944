/**
 * Electronegativity (@doyensec/electronegativity, its programmatic API) over the app's sources,
 * electron/ and renderer/ scanned together as one application (its global checks, the CSP, the
 * navigation limits and the permission handler, look across files): no HIGH or MEDIUM finding.
 * A canary folder with a window that turns the protections off proves the scanner reads the files
 * and would report them. The checks silenced in the sources (`eng-disable`) are exactly the ones
 * justified in electron/main/SECURITY.md, and what they stand for is asserted here on the options
 * the window is really made with.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, webPreferences } from '../../electron/main/security.js';
import { windowOptions } from '../../electron/main/window-state.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string; value: number };
  confidence: { name: string };
  description: string;
  manualReview: boolean;
}
interface Report {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Issue[];
}
type Run = (options: Record<string, unknown>, forCli: boolean) => Promise<Report>;

const mod = require('@doyensec/electronegativity') as Run | { default: Run };
const run: Run = typeof mod === 'function' ? mod : mod.default;

/** What the sources may silence, and where: each is justified in electron/main/SECURITY.md. */
const ALLOWED_DISABLES: Record<string, string[]> = {
  'electron/main/index.ts': ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'AUXCLICK_JS_CHECK'],
};

const CANARY = `import { BrowserWindow } from 'electron';
export const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });
`;

let report: Report;
const input = mkdtempSync(join(tmpdir(), 'tco-eng-'));

beforeAll(async () => {
  const skipNodeModules = (src: string) => !src.split(/[\\/]/).includes('node_modules');
  cpSync(join(ROOT, 'electron'), join(input, 'electron'), { recursive: true, filter: skipNodeModules });
  cpSync(join(ROOT, 'renderer'), join(input, 'renderer'), { recursive: true, filter: skipNodeModules });
  cpSync(join(ROOT, 'package.json'), join(input, 'package.json'));
  mkdirSync(join(input, 'canary'));
  writeFileSync(join(input, 'canary', 'window.ts'), CANARY);
  const electron = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
  report = await run(
    {
      input,
      isRelative: true,
      customScan: [],
      // Asks GitHub for Electron's releases (the network) and, for Electron as a devDependency,
      // can only give an INFORMATIONAL finding: left out so the result does not depend on the day.
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      electronVersionOverride: electron,
    },
    false,
  );
}, 120_000);

afterAll(() => rmSync(input, { recursive: true, force: true }));

const inApp = (i: Issue) => !i.file.startsWith('canary');
const describeIssue = (i: Issue) => `${i.id} ${i.severity.name}/${i.confidence.name} ${i.file}:${i.location.line} ${i.description}`;

describe('electronegativity on electron/ and renderer/', () => {
  it('parses every file and runs its checks', () => {
    expect(report.errors.map((e) => `${e.file}: ${e.message}`)).toEqual([]);
    expect(report.atomicChecks).toBeGreaterThanOrEqual(30);
    expect(report.globalChecks).toBeGreaterThanOrEqual(4);
  });

  it('reports the canary window that turns the protections off (the scanner bites)', () => {
    const canary = report.issues.filter((i) => !inApp(i)).map((i) => i.id);
    expect(canary).toEqual(expect.arrayContaining(['AUXCLICK_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK']));
  });

  it('finds nothing HIGH or MEDIUM in the app', () => {
    const serious = report.issues.filter((i) => inApp(i) && (i.severity.name === 'HIGH' || i.severity.name === 'MEDIUM' || i.severity.value >= 3));
    expect(serious.map(describeIssue)).toEqual([]);
  });

  it('sees the Content-Security-Policy (renderer/index.html carries the same policy as the app:// handler)', () => {
    const csp = report.issues.filter((i) => i.id === 'CSP_GLOBAL_CHECK');
    expect(csp.map((i) => i.description)).not.toContainEqual(expect.stringMatching(/No CSP/i));
    const html = readFileSync(join(ROOT, 'renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    // A <meta> policy cannot hold frame-ancestors (browsers ignore it there); the rest is the header's.
    expect(meta).toBe(
      CSP.split('; ')
        .filter((d) => !d.startsWith('frame-ancestors'))
        .join('; '),
    );
  });

  it('silences only the justified false positives, and the window really has what they check', () => {
    const disables: Record<string, string[]> = {};
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'node_modules') walk(p);
        } else if (/\.(ts|tsx|js|html)$/.test(e.name)) {
          for (const m of readFileSync(p, 'utf8').matchAll(/eng-disable[ \t]+([\w \t,]+)/g)) {
            (disables[relative(ROOT, p).split('\\').join('/')] ??= []).push(...m[1]!.trim().split(/[ \t,]+/));
          }
        }
      }
    };
    walk(join(ROOT, 'electron'));
    walk(join(ROOT, 'renderer'));
    expect(disables).toEqual(ALLOWED_DISABLES);
    const security = readFileSync(join(ROOT, 'electron/main/SECURITY.md'), 'utf8');
    for (const id of Object.values(ALLOWED_DISABLES).flat()) expect(security).toContain(id);
    // What electronegativity cannot follow into: the window's options, made by windowOptions().
    const prefs = windowOptions('/app/out/preload/index.js', { x: 0, y: 0, width: 800, height: 600 }).webPreferences!;
    expect(prefs).toEqual(webPreferences('/app/out/preload/index.js'));
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(prefs.disableBlinkFeatures?.split(',')).toContain('Auxclick');
  });
});
