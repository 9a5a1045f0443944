/**
 * better-sqlite3 under Electron: Electron's Node has another ABI than the Node that runs the tests,
 * so a copy of the native module is built for Electron (`npm run build:sqlite-electron`, into
 * out/native/; shipped in the app's resources/native/) and handed to the Database constructor's
 * nativeBinding option. Where no such copy exists, better-sqlite3 loads its own build (which
 * electron-builder rebuilds for Electron when packaging).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const NATIVE_FILE = 'better_sqlite3.node';

/** Where the Electron copy may be: the packaged app's resources, then the development build's out/native. */
export function nativeBindingCandidates(resourcesPath: string | undefined, outDir: string): string[] {
  return [...(resourcesPath ? [join(resourcesPath, 'native', NATIVE_FILE)] : []), join(outDir, 'native', NATIVE_FILE)];
}

/** The first candidate that exists, or undefined (better-sqlite3's own build). */
export function nativeBindingPath(candidates: readonly string[], exists: (path: string) => boolean = existsSync): string | undefined {
  return candidates.find((p) => exists(p));
}
