/**
 * The report's "why" (issue 14 item 10), printed for real: `tco export FILE --pdf OUT` (Chromium
 * through playwright-core), read back with pdftotext. The workspace and every number are those of
 * test/e2e/why.e2e.test.ts, worked by hand there: MODEL.md section 11's vendor A (TCO 19,124,
 * 0.1678 per effective message) against B (TCO 18,000, 0.3750), a gap of $0.2072 split into
 * +0.0526 prices, −0.0011 fees, −0.0088 internal, −0.0526 failed messages, +0.0296 delivery and
 * +0.1875 engagement (4 decimals, largest remainder), B cheaper by TCO until ×1.937 (193,667 a month).
 * Never skipped: without Chromium or poppler-utils the test fails and says what to install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportPrinter } from '../../electron/api/report.js';
import { runCli } from '../../electron/cli/run.js';
import { chromiumPrinter } from '../../electron/export/chromium-printer.js';
import { pilot, route, vendor, workedExampleDoc } from '../fixtures/docs.js';

const root = new URL('../..', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const shots = join(root, 'test-results', 'report');
const dir = mkdtempSync(join(tmpdir(), 'tco-report-why-'));
let printer: ReportPrinter;

function tool(name: string, args: string[]): string {
  const r = spawnSync(name, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${name} is not installed (${r.error.message}): apt-get install -y poppler-utils`);
  if (r.status !== 0) throw new Error(`${name} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  printer = chromiumPrinter({ staticDir: join(dir, 'renderer'), locale: 'en-US', executablePath: CHROMIUM });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the report says why the recommended vendor wins', () => {
  it('prints the measure, the sentence, the gap effect by effect and the break-even sentence', async () => {
    const doc = workedExampleDoc();
    doc.vendors.push(vendor('B', { quote: { routes: [route({ price: '0.012', passThrough: '0.003' })], fees: [] }, pilots: [pilot({ sent: 10000, delivered: 8000, engaged: 400 })] }));
    const file = join(dir, 'why.json');
    writeFileSync(file, JSON.stringify(doc));
    const out = join(dir, 'why.pdf');
    const err: string[] = [];
    const code = await runCli(['export', file, '--pdf', out], { out: () => {}, err: (t) => err.push(t) }, { printer });
    expect(err.at(-1)).toMatch(/^wrote .* \(\d+ pages\)$/);
    expect(code).toBe(0);
    const t = tool('pdftotext', ['-enc', 'UTF-8', out, '-']).replace(/\s+/g, ' ');
    const layout = tool('pdftotext', ['-layout', '-enc', 'UTF-8', out, '-']).replace(/\s+/g, ' ');
    expect(t).toContain('Why Vendor A is the cheapest per effective message');
    expect(t).toContain("Vendor A wins on cost per effective message only: Vendor B has the lower TCO and present value of cost, but more of Vendor A's messages arrive and do their job.");
    expect(t).toContain(
      "Vendor B costs $0.2072 more per effective message than Vendor A: Vendor A has the better engagement rate (+$0.1875) and delivery rate (+$0.0296), and Vendor B has the higher message prices (+$0.0526); partly offset by Vendor A's higher cost of failed messages (−$0.0526) and internal team cost (−$0.0088), among others.",
    );
    // The table, a row a line: +0.0526 − 0.0011 − 0.0088 − 0.0526 + 0.0296 + 0.1875 = 0.2072
    for (const row of [
      'Message prices +$0.0526 Vendor A',
      'Carrier pass-through $0.0000 —',
      'Fees −$0.0011 Vendor B',
      'Minimum-commit top-ups $0.0000 —',
      'Internal team cost −$0.0088 Vendor B',
      'Cost of failed messages −$0.0526 Vendor B',
      'Delivery rate +$0.0296 Vendor A',
      'Engagement rate +$0.1875 Vendor A',
      'Vendor B costs more by $0.2072',
    ]) {
      expect(layout).toContain(row);
    }
    expect(t).toContain("At today's 100,000 messages a month Vendor B has the lower TCO and stays cheaper until 193,667 a month (×1.937), where Vendor A becomes cheaper by TCO.");
    // The pages as PNGs, to be looked at.
    mkdirSync(shots, { recursive: true });
    for (const f of readdirSync(shots)) if (f.startsWith('why-') && f.endsWith('.png')) rmSync(join(shots, f));
    tool('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '3', out, join(shots, 'why')]);
    expect(readdirSync(shots).filter((f) => f.startsWith('why-')).length).toBeGreaterThan(0);
  }, 180_000);
});
