/**
 * Bounded work on hostile input (issue 18): each of the issue's documents is refused, through the
 * `tco` command and through the browser host, in under a second and 300 MB of peak RSS (the whole
 * child process: Node, tsx and the app, about 120 MB before anything is read), with the limit and
 * the path named; the host answers another call sent at the same moment. Each case runs in its own
 * child process (test/fixtures/bomb-child.ts) so its peak RSS is its own. The figures are printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tco-bombs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Figure {
  kind: string;
  transport: string;
  bytes: number;
  ms: number;
  rssMB: number;
  code?: number;
  answer: string;
  otherMs?: number;
  other?: string;
}

function run(kind: string, transport: string): Figure {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/bomb-child.ts', kind, transport, dir], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`bomb-child ${kind} ${transport}: ${r.stderr}`);
  const f = JSON.parse(r.stdout) as Figure;
  console.log(
    `${kind.padEnd(14)} ${transport.padEnd(5)} ${(f.bytes / 1e6).toFixed(1).padStart(5)} MB  refused in ${String(f.ms).padStart(4)} ms  peak RSS ${String(f.rssMB).padStart(3)} MB${f.otherMs !== undefined ? `  other call answered at ${f.otherMs} ms` : ''}`,
  );
  return f;
}

// What each is refused with: the path, and the limit by name.
const EXPECTED: Record<string, { cli: RegExp; host: RegExp }> = {
  'empty-streams': { cli: /\$\.streams: has more than 2,000 streams: .*\(limit: streams\)/, host: /\$\.document\.streams: has more than 2,000 streams: .*\(limit: streams\)/ },
  'bad-fees': {
    cli: /\$\.vendors\[0\]\.quote\.fees: has more than 1,000 fees in one quote: .*\(limit: fees in one quote\)/,
    host: /\$\.document\.vendors\[0\]\.quote\.fees: has more than 1,000 fees in one quote/,
  },
  deep: { cli: /\$\.streams(\[0\])+: values nest more than 32 levels deep .*\(limit: nesting depth\)/, host: /\$\.document\.streams(\[0\])+: values nest more than 32 levels deep/ },
  // A valid document of 50,000 streams: refused, its limit named (streams: 2,000), well within 10 s.
  'streams-50k': { cli: /\$\.streams: has more than 2,000 streams: .*\(limit: streams\)/, host: /\$\.document\.streams: has more than 2,000 streams/ },
};

// The time targets (< 1 s) are the printed figures' to meet (npm test prints them); a test asserts no
// absolute time but a ceiling ten times over, so a loaded machine cannot turn it red while a refusal
// that reads the whole bomb still does. Memory does not depend on load: < 300 MB is asserted.
const CEILING_MS = 10_000;

describe("issue 18's hostile documents", () => {
  // tsx compiles the app on a child's first start and keeps it in its cache: one start first, so a
  // child's peak RSS is its refusal's, not a cold compile's.
  beforeAll(() => {
    spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/bomb-child.ts', 'streams-50k', 'cli', dir], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  }, 130_000);

  for (const kind of Object.keys(EXPECTED)) {
    it(`${kind}: refused by tco compute and by the host (figures printed; target < 1 s) in < 300 MB, the host answering another call meanwhile`, () => {
      const cli = run(kind, 'cli');
      expect(cli.code).toBe(2);
      expect(cli.answer).toMatch(EXPECTED[kind]!.cli);
      expect(cli.answer).toContain(join(dir, `${kind}.json`));
      expect(cli.ms).toBeLessThan(CEILING_MS);
      expect(cli.rssMB).toBeLessThan(300);

      const host = run(kind, 'host');
      const answer = JSON.parse(host.answer) as { ok: boolean; error: { code: string; message: string } };
      expect(answer.ok).toBe(false);
      expect(answer.error.code).toBe('INVALID_INPUT');
      expect(answer.error.message).toMatch(EXPECTED[kind]!.host);
      expect(host.ms).toBeLessThan(CEILING_MS);
      expect(host.rssMB).toBeLessThan(300);
      expect(JSON.parse(host.other!)).toMatchObject({ ok: true, value: { segments: 1 } });
      expect(host.otherMs!).toBeLessThan(CEILING_MS);
    }, 120_000);
  }
});
