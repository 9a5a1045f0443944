/**
 * Issue 15: "One atomic file writer with fsync for every file written". Every whole file the app
 * writes goes through electron/export/write-file.ts (a temporary file, fsync, rename); the only
 * other writers are SQLite itself (a new workspace file is renamed into place by the store, after
 * SQLite synced it) and the browser host's upload stream (a temporary file of its own).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('one atomic writer', () => {
  it('no module but write-file.ts writes or renames a file with node:fs, except the store and the upload stream', () => {
    const writers = /\b(writeFileSync|writeFile|appendFileSync|renameSync|createWriteStream)\s*\(/g;
    const found: string[] = [];
    for (const file of sources(join(ROOT, 'electron'))) {
      const rel = relative(ROOT, file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(writers)) found.push(`${rel}: ${m[1]}`);
    }
    expect(found.sort()).toEqual([
      'electron/export/write-file.ts: renameSync',
      // The host streams an upload into a temporary file of its own (flags wx, mode 600).
      'electron/host/server.ts: createWriteStream',
      // moveInto: a workspace file SQLite wrote and synced (or VACUUM INTO, then fsyncPath) renamed into place.
      'electron/store/connection.ts: renameSync',
    ]);
  });
});
