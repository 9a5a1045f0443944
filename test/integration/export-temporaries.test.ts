/**
 * A kill during an export leaves its temporary file beside OUT (issue 18: 22 of 30 aimed kills);
 * the next export of OUT removes it. Another running process's temporary file is left alone (it
 * may be writing it now).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument } from '../../electron/api/document.js';
import { runCli } from '../../electron/cli/run.js';
import { removeStaleTemporaries } from '../../electron/export/write-file.js';
import { WorkspaceStore } from '../../electron/store/workspace-store.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tco-temps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sample = canonicalDocument(readDocument(JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8'))));
const temporaries = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.tmp'));

/**
 * `tco export W --json OUT` again and again in a child process, killed (SIGKILL) the moment a
 * temporary file of OUT appears beside it (the folder watched), after its first export.
 */
function killDuringExports(workspace: string, folder: string, out: string): Promise<void> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/fault-writer.ts', 'export-json', workspace, out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const watcher = watch(folder, (_event, name) => {
      if (/^1$/m.test(text) && typeof name === 'string' && name.endsWith('.tmp')) child.kill('SIGKILL');
    });
    child.stdout.on('data', (b: Buffer) => (text += b.toString()));
    const stop = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', () => {
      clearTimeout(stop);
      watcher.close();
      ok();
    });
  });
}

describe('temporary files of an interrupted export', () => {
  it('a kill during tco export leaves one; the next export removes it and writes OUT whole', async () => {
    const folder = mkdtempSync(join(dir, 'k'));
    const workspace = join(folder, 'w.tcows');
    WorkspaceStore.create(workspace, sample).close();
    const out = join(folder, 'out.json');
    let tries = 0;
    while (temporaries(folder).length === 0 && tries < 20) {
      tries++;
      await killDuringExports(workspace, folder, out);
    }
    console.log(`a temporary file was left after ${tries} aimed kill(s)`);
    expect(temporaries(folder)).toHaveLength(1);
    expect(temporaries(folder)[0]).toMatch(/^\.out\.json\.\d+\.[0-9a-f]{8}\.tmp$/);

    const err: string[] = [];
    expect(await runCli(['export', workspace, '--json', out], { out: () => {}, err: (t) => err.push(t) })).toBe(0);
    expect(err).toEqual([`wrote ${out}`]);
    expect(temporaries(folder)).toEqual([]);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(sample);
  }, 240_000);

  it("a dead process's temporary file is removed, a running one's is kept, other names are not touched", () => {
    const folder = mkdtempSync(join(dir, 's'));
    const out = join(folder, 'report.pdf');
    // A process that has exited: its id is free (or another process's, which would keep its file: never a loss).
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const names = [`.report.pdf.${deadPid}.0a1b2c3d.tmp`, `.report.pdf.${alive.pid}.0a1b2c3d.tmp`, `.report.pdf.${process.pid}.00000000.tmp`, '.other.pdf.1.0a1b2c3d.tmp', '.report.pdf.notes.tmp'];
      for (const n of names) writeFileSync(join(folder, n), 'partial');
      const removed = removeStaleTemporaries(out).sort();
      expect(removed).toEqual([`.report.pdf.${deadPid}.0a1b2c3d.tmp`, `.report.pdf.${process.pid}.00000000.tmp`].sort());
      expect(temporaries(folder).sort()).toEqual([`.report.pdf.${alive.pid}.0a1b2c3d.tmp`, '.other.pdf.1.0a1b2c3d.tmp', '.report.pdf.notes.tmp'].sort());
    } finally {
      alive.kill('SIGKILL');
    }
  });
});
