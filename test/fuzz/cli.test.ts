/**
 * Fuzzing the `tco` command line (runCli, electron/cli/run.ts, with an in-memory io) with 10,000
 * generated argument lists: test/fuzz/cli-child.ts, run in a child process whose working directory
 * is an empty temporary folder, so that whatever a generated command writes (`tco new x`, an
 * export's output) lands there. Every run exits 0 or 2, a 2 with one line saying why (a
 * UsageError, or a file, document or input error), never 1 (an unexpected failure) nor a built-in
 * error's text, and none takes long.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

export const CLI_RUNS = 10_000;
const CHILD = fileURLToPath(new URL('./cli-child.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href; // its import entry: dist/loader.mjs
const cwd = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tco-fuzz-cli-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

interface Report {
  runs: number;
  codes: Record<string, number>;
  slowestMs: number;
  slowestArgv: string[];
  failure: string | null;
}

function runChild(runs: number, seed: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, CHILD, String(runs), String(seed)], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('tco under 10,000 generated command lines', () => {
  it('exits 0 or 2 with one line saying why, never an unexpected failure', async () => {
    const r = await runChild(CLI_RUNS, Number(process.env.FUZZ_SEED ?? 20261123));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Report;
    expect(report.failure, report.failure ?? '').toBeNull();
    expect(report.runs).toBe(CLI_RUNS);
    expect((report.codes['0'] ?? 0) + (report.codes['2'] ?? 0)).toBe(CLI_RUNS);
    // Both outcomes are reached: the generated lines are neither all refused nor all accepted.
    expect(report.codes['0']).toBeGreaterThan(500);
    expect(report.codes['2']).toBeGreaterThan(3000);
    expect(report.slowestMs).toBeLessThan(5000);
    console.log(`fuzz tco: ${report.runs} command lines, exit codes ${JSON.stringify(report.codes)}, slowest ${report.slowestMs} ms (${JSON.stringify(report.slowestArgv)})`);
  }, 300_000);
});
