/**
 * The packaging configuration (electron-builder.yml), tested without building: it is valid for the
 * installed electron-builder (app-builder-lib's scheme.json through ajv, and electron-builder's own
 * validation), names the targets, the app id and the workspace file association, ships the bundles
 * and the Electron build of better-sqlite3 where electron/main/native.ts looks for it, unpacks
 * native modules from the archive, and its icons exist with the sizes each platform needs.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NATIVE_FILE, nativeBindingCandidates } from '../../electron/main/native.js';
import { WORKSPACE_EXTENSION } from '../../electron/store/connection.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));

type Yaml = { load(text: string): unknown };
type AjvErrors = { instancePath: string; message?: string }[] | null | undefined;
type AjvClass = new (o: object) => { compile(schema: unknown): ((data: unknown) => boolean) & { errors?: AjvErrors } };
type Filter = (file: string, stat: { isDirectory(): boolean }) => boolean;
type FileMatcherClass = new (from: string, to: string, expand: (s: string) => string, patterns: string[]) => { createFilter(): Filter };

const yaml = require('js-yaml') as Yaml;
const Ajv = (builderRequire('ajv') as { default: AjvClass }).default;
const { validateConfiguration } = builderRequire('./out/util/config/config.js') as { validateConfiguration(config: unknown, log: { isEnabled: boolean; add(): void }): Promise<void> };
const { FileMatcher } = builderRequire('./out/fileMatcher.js') as { FileMatcher: FileMatcherClass };

interface Config {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  extraResources: { from: string; to: string; filter?: string[] }[];
  asar: boolean;
  asarUnpack: string[];
  fileAssociations: { ext: string; name: string; mimeType: string; role: string }[];
  linux: { target: string[]; icon: string; category: string; maintainer: string; mimeTypes: string[] };
  win: { target: string[]; icon: string };
  nsis: { perMachine: boolean; oneClick: boolean };
  mac: { target: string[]; icon: string };
}

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;
const schema = JSON.parse(readFileSync(builderRequire.resolve('./scheme.json'), 'utf8')) as unknown;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const quiet = { isEnabled: false, add() {} };

/** Width, height, bit depth and colour type of a PNG, from its signature and IHDR chunk; throws if it is not one. */
function pngInfo(path: string): { width: number; height: number; depth: number; colorType: number } {
  const b = readFileSync(path);
  expect(b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${path} is a PNG`).toBe(true);
  expect(b.toString('latin1', 12, 16)).toBe('IHDR');
  expect(b.toString('latin1', b.length - 8, b.length - 4)).toBe('IEND');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), depth: b[24]!, colorType: b[25]! };
}

const resources = join(ROOT, config.directories.buildResources);

describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib’s scheme.json and electron-builder’s own check', async () => {
    const ok = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
    await expect(validateConfiguration(structuredClone(config), quiet)).resolves.toBeUndefined();
  });

  it('the validation bites: a misspelt option or a wrong type is refused', async () => {
    const typo = { ...config, linux: { ...config.linux, targte: ['AppImage'] } };
    expect(validate(typo)).toBe(false);
    expect(validate({ ...config, asar: 'yes' })).toBe(false);
    await expect(validateConfiguration(typo, quiet)).rejects.toThrow(/configuration\.linux/);
  });

  it('names the app and builds AppImage and deb, NSIS, dmg', () => {
    expect(config.appId).toBe('com.messagingtco.app');
    expect(config.productName).toBe('Messaging TCO');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/); // the deb needs one
    expect(config.directories.output).toBe('dist');
  });

  it('associates the workspace extension with the app on every platform', () => {
    expect(config.fileAssociations).toHaveLength(1);
    const [a] = config.fileAssociations;
    expect(`.${a!.ext}`).toBe(WORKSPACE_EXTENSION);
    expect(a).toMatchObject({ ext: 'tcows', role: 'Editor', mimeType: 'application/x-messaging-tco-workspace' });
    expect(a!.name).toMatch(/workspace/i);
    expect(config.linux.mimeTypes).toContain(a!.mimeType);
    // electron-builder: NSIS associations work only in a per-machine install.
    expect(config.nsis.perMachine).toBe(true);
  });

  it('ships the bundles of npm run build and package.json, not source maps nor the native build folder', () => {
    const filter = new FileMatcher(ROOT, '/app', (s) => s, [...config.files]).createFilter();
    const file = { isDirectory: () => false };
    const folder = { isDirectory: () => true };
    const has = (rel: string, stat = file) => filter(join(ROOT, rel), stat);
    for (const f of ['package.json', 'out/main/index.js', 'out/main/package.json', 'out/preload/index.js', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js']) {
      expect(has(f), f).toBe(true);
    }
    expect(has('out', folder)).toBe(true);
    for (const f of [
      'out/main/index.js.map',
      'out/renderer/assets/index-abc.js.map',
      `out/native/${NATIVE_FILE}`,
      'out/native-build/better-sqlite3/build/Release/better_sqlite3.node',
      'electron/main/index.ts',
      'test/unit/packaging.test.ts',
      'README.md',
    ]) {
      expect(has(f), f).toBe(false);
    }
    expect(config.files).toContain('out/**');
  });

  it('puts the Electron build of better-sqlite3 in resources/native, where the main process looks first', () => {
    const native = config.extraResources.find((r) => r.from === 'out/native');
    expect(native).toEqual({ from: 'out/native', to: 'native', filter: [NATIVE_FILE] });
    // electron/main/native.ts: the packaged app's resources first, then out/native.
    const resourcesPath = '/opt/Messaging TCO/resources';
    expect(nativeBindingCandidates(resourcesPath, '/x/out')[0]).toBe(join(resourcesPath, native!.to, NATIVE_FILE));
    // scripts/build.mjs writes its output to that folder under that name.
    const build = readFileSync(join(ROOT, 'scripts/build.mjs'), 'utf8');
    expect(build).toContain("join('out', 'native', 'better_sqlite3.node')");
    expect(config.extraResources).toContainEqual({ from: 'resources/sample-workspace.json', to: 'sample-workspace.json' });
    for (const r of config.extraResources) if (!r.from.startsWith('out/')) expect(statSync(join(ROOT, r.from)).isFile()).toBe(true);
  });

  it('packs the app in an asar archive with native modules unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
  });

  it("flips Electron's fuses: no running as Node, no NODE_OPTIONS, no --inspect; its own asar only, integrity checked", () => {
    expect(config).toMatchObject({
      electronFuses: {
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
      },
    });
  });

  it('has its icons: 512×512 for macOS and Windows, 512 and 256 for Linux, with transparency', () => {
    expect(config.mac.icon).toBe('icon.png');
    expect(config.win.icon).toBe('icon.png');
    expect(pngInfo(join(resources, config.mac.icon))).toEqual({ width: 512, height: 512, depth: 8, colorType: 6 });
    expect(config.linux.icon).toBe('icons');
    for (const size of [512, 256]) {
      expect(pngInfo(join(resources, config.linux.icon, `${size}x${size}.png`))).toEqual({ width: size, height: size, depth: 8, colorType: 6 });
    }
  });

  it('is what npm run dist runs after the build', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; main: string; devDependencies: Record<string, string> };
    expect(pkg.scripts.dist).toBe('npm run build && electron-builder');
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.devDependencies['electron-builder']).toBeDefined();
  });
});
