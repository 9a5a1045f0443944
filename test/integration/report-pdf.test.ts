/**
 * The business-case report, printed for real: `tco export FILE --pdf OUT` (the CLI path, Chromium
 * through playwright-core) on MODEL.md section 11's worked example and the sample RFP, read back with
 * pdftotext; and the app's Export panel in the browser host, which prints the same report
 * server-side. Every page is rendered to PNG in test-results/report/ (pdftoppm -r 60) to be looked at.
 *
 * Never skipped: without Chromium or poppler-utils (pdftotext, pdftoppm, pdfinfo) the suite fails
 * and says what to install. The report page is built by the printer itself into a fresh folder
 * (the "build it if missing" path), so the page printed is the one in the sources now.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportPrinter } from '../../electron/api/report.js';
import { runCli } from '../../electron/cli/run.js';
import { CHROMIUM_ARGS, chromiumPrinter } from '../../electron/export/chromium-printer.js';
import { readDocument } from '../../electron/api/document.js';
import { compute, computeJson } from '../../electron/engine/index.js';
import { createHost, type Host } from '../../electron/host/server.js';
import { createApp, type App } from '../../electron/services/app.js';
import { exact } from '../../renderer/src/format.js';

const root = new URL('../..', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const shots = join(root, 'test-results', 'report');
const dir = mkdtempSync(join(tmpdir(), 'tco-report-pdf-'));
const pageDir = join(dir, 'renderer');
let printer: ReportPrinter;

function tool(name: string, args: string[]): string {
  const r = spawnSync(name, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${name} is not installed (${r.error.message}): apt-get install -y poppler-utils`);
  if (r.status !== 0) throw new Error(`${name} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** The PDF's text, whitespace folded: in reading order (a wrapped cell comes out whole). */
const text = (pdf: string) => tool('pdftotext', ['-enc', 'UTF-8', pdf, '-']).replace(/\s+/g, ' ');
/** The PDF's text as laid out, whitespace folded: a table row comes out as one line, left to right. */
const layout = (pdf: string) => tool('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-']).replace(/\s+/g, ' ');
const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [pdf]))![1]);

/** Every page as a PNG at 60 dpi in test-results/report/<name>-N.png; the files made. */
function pngs(pdf: string, name: string): string[] {
  mkdirSync(shots, { recursive: true });
  for (const f of readdirSync(shots)) if (f.startsWith(`${name}-`) && f.endsWith('.png')) rmSync(join(shots, f));
  tool('pdftoppm', ['-png', '-r', '60', pdf, join(shots, name)]);
  return readdirSync(shots).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
}

async function tco(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, { printer });
  return { code, out, err };
}

const usd = (s: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(exact(s));
const usd4 = (s: string | number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumSignificantDigits: 4, minimumSignificantDigits: 4 }).format(s as number);

beforeAll(() => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  for (const t of ['pdftotext', 'pdftoppm', 'pdfinfo']) {
    const r = spawnSync(t, ['-v'], { encoding: 'utf8' });
    if (r.error) throw new Error(`${t} is not installed: apt-get install -y poppler-utils (${r.error.message})`);
  }
  printer = chromiumPrinter({ staticDir: pageDir, locale: 'en-US', executablePath: CHROMIUM });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tco export --pdf', () => {
  it('the worked example of MODEL.md section 11: 19,124.00, its unit costs, the recommendation, the evidence, the methodology', async () => {
    expect(existsSync(join(pageDir, 'report.html'))).toBe(false);
    const out = join(dir, 'worked-example.pdf');
    const r = await tco('export', join(root, 'test/fixtures/worked-example.json'), '--pdf', out);
    expect(r.err.at(-1)).toMatch(new RegExp(`^wrote ${out} \\(\\d+ pages\\)$`));
    expect(r.code).toBe(0);
    // The printer built the report page (and the app beside it) where it had none.
    expect(existsSync(join(pageDir, 'report.html'))).toBe(true);
    expect(existsSync(join(pageDir, 'index.html'))).toBe(true);
    const n = Number(/\((\d+) pages\)/.exec(r.err.at(-1)!)![1]);
    expect(pages(out)).toBe(n);
    const t = text(out);
    // MODEL.md section 11: TCO = 12·(700 + 300 + 10 + 500) + 4 + 1,000 = 19,124.00.
    expect(t).toContain('$19,124.00');
    // Its categories: usage 12·700, pass-through 12·300, fees 12·10 + 4, internal 10·100, remediation 12·500.
    for (const x of ['$8,400.00', '$3,600.00', '$124.00', '$1,000.00', '$6,000.00']) expect(t).toContain(x);
    // Per sent 19,124 / 1,200,000 = 0.015937; per delivered 0.016775…; per effective 0.167754… (4 significant digits).
    expect(t).toContain('$0.01594');
    expect(t).toContain('$0.01678');
    expect(t).toContain('$0.1678');
    expect(t).toContain('1,140,000');
    // The recommendation: the only vendor is the cheapest in every draw.
    expect(t).toContain('Recommendation: Vendor A');
    // The compare screen's draws and seed (electron/api/analysis.ts): 2,000, seed 1.
    expect(t).toMatch(/cheapest in 100% of 2,000 simulated draws/);
    // Evidence: 9,500 of 10,000 delivered, Wilson [94.555%, 95.410%]; 950 of 9,500 engaged, [9.413%, 10.620%].
    expect(t).toContain('95.0% (94.6%–95.4%)');
    expect(t).toContain('10.0% (9.4%–10.6%)');
    expect(t).toContain('pilot on SMS to the US');
    // The quote's routes: what each is billed on, in words (the worked example's route: on the messages sent).
    expect(t).toContain('from 50,000 $0.006 messages sent');
    // Sensitivity, by hand: delivery ×0.8 → 24,000 failures a month (+22,800 remediation) = 41,924.00;
    // ×1.2 is capped at 100% → no remediation = 13,124.00; volume ×0.8 = 15,764.00, ×1.2 = 22,484.00.
    for (const x of ['$41,924.00', '$13,124.00', '$15,764.00', '$22,484.00']) expect(t).toContain(x);
    expect(t).toContain('Fewer than two vendors cover every stream');
    expect(t).toContain('8. Methodology');
    expect(t).toContain('Beta(delivered + 1, sent − delivered + 1)');
    // The formulas, never the model file (the workspace's own name, which the user typed, aside).
    expect(t.replaceAll('Worked example (MODEL.md section 11)', '')).not.toMatch(/MODEL\.md|model file/);
    // Cost by contract year: 12 months, one year; its total is the TCO.
    expect(layout(out)).toMatch(
      /Vendor A 1 \$8,400\.00 \$3,600\.00 \$0\.00 \$124\.00 \$1,000\.00 \$6,000\.00 \$19,124\.00 Total \$8,400\.00 \$3,600\.00 \$0\.00 \$124\.00 \$1,000\.00 \$6,000\.00 \$19,124\.00/,
    );
    expect(t).toMatch(/page 1 of \d+/);
    expect(pngs(out, 'worked-example')).toHaveLength(n);
  }, 180_000);

  it("the sample RFP: the engine's totals as the report formats them, the recommendation with P(cheapest), assumed rates marked", async () => {
    const doc = JSON.parse(readFileSync(join(root, 'test/fixtures/sample-rfp.json'), 'utf8')) as unknown;
    const out = join(dir, 'sample-rfp.pdf');
    const r = await tco('export', join(root, 'test/fixtures/sample-rfp.json'), '--pdf', out);
    expect(r.code).toBe(0);
    const n = pages(out);
    const t = text(out);
    // The engine on the same document, 2,000 draws, seed 1 (the report's and the screen's), formatted as the report does.
    const j = computeJson(compute(readDocument(doc), { draws: 2000, seed: 1 }));
    const [a, b, c] = j.vendors;
    for (const v of [a!, b!]) {
      expect(t).toContain(usd(v.tco!.nominal));
      expect(t).toContain(usd(v.tco!.npv));
      expect(t).toContain(usd4(v.costPerEffective!));
    }
    // The 5th–95th percentiles: A's in the recommendation, B's in the compare table (pdftotext reads
    // A's table cell out of order, its value split over two lines).
    expect(t).toContain(`(5th–95th percentile ${usd4(a!.uncertainty!.costPerEffective.p5!)}–${usd4(a!.uncertainty!.costPerEffective.p95!)})`);
    expect(t).toContain(`${usd4(b!.uncertainty!.costPerEffective.p5!)} – ${usd4(b!.uncertainty!.costPerEffective.p95!)}`);
    // A is the cheapest per effective message, in every draw.
    expect(Number(a!.costPerEffective)).toBeLessThan(Number(b!.costPerEffective));
    expect(t).toContain('Recommendation: Vendor A (global CPaaS)');
    expect(t).toContain(`cheapest in ${Math.round(a!.uncertainty!.pCheapest * 100)}% of 2,000 simulated draws`);
    // Vendor C covers neither Kenya nor WhatsApp: no totals; it has no pilot: every rate assumed, marked.
    expect(c!.tco).toBeNull();
    // Routes in words: the country's name, not its code.
    expect(t).toContain('does not cover SMS to Kenya and WhatsApp utility to the US');
    expect(t).not.toMatch(/sms\/KE|workspace default|MODEL\.md/);
    expect(t).toContain('no pilot: every rate is assumed');
    expect(t).toContain('assumed rates: SMS to US, SMS to KE, WhatsApp utility to US, email');
    // A's own routes on defaults, in the recommendation and beside each assumed rate.
    const l = layout(out);
    expect(t).toContain("assumed Vendor A (global CPaaS)'s delivery or engagement rates on SMS to Kenya and email are assumed rates, not measured by a pilot");
    expect(l).toContain('SMS to Kenya 95.0% assumed 4.0% assumed an assumed rate for SMS');
    expect(l).toContain('email 98.0% assumed 3.0% assumed an assumed rate for email');
    // B's Kenyan pilot counted no engagement: measured delivery, assumed engagement.
    expect(t).toContain('SMS to Kenya 96.0% 4.0% assumed pilot on SMS to Kenya; engagement: an assumed rate');
    expect(t).toMatch(/SMS to Kenya 3,000 2,880 96\.0% \(95\.2%–96\.6%\) not counted assumed/);
    // Cost by contract year: each vendor's total row is its TCO.
    for (const v of [a!, b!]) expect(l).toContain(`Total ${usd(v.tco!.byCategory.usage)}`);
    expect(l).toMatch(new RegExp(`Total .*${usd(a!.tco!.nominal).replace(/[$.]/g, '\\$&')}`));
    // Evidence: A's 9,620 of 10,000 delivered, Wilson [95.807%, 96.557%]; the holdout 412/9,000 against 31/1,000:
    // lift 1.48%, Newcombe [0.146%, 2.491%].
    expect(t).toContain('96.2% (95.8%–96.6%)');
    expect(t).toContain('1.48% (0.15% to 2.49%)');
    expect(t).toContain('no break-even between ×0.1 and ×10');
    expect(t).toContain('8. Methodology');
    expect(pngs(out, 'sample-rfp')).toHaveLength(n);
  }, 180_000);

  it('the decisions (issue 17 item 4): negotiation targets, decision risk, the scenarios side by side with their changes in words', async () => {
    // test/unit/decisions.test.ts's workspace, worked by hand: 12 months, one SMS stream to the US of
    // 100,000 a month, DR = 1 and ER = 0.1 assumed (every draw the same), 120,000 effective messages a vendor;
    // A 0.01 → 12,000.00 (0.1000); B 0.006 with a 900 monthly commit → 10,800.00 (0.09000, cheapest);
    // C 0.005 and 1,000 a month → 18,000.00 (0.1500). Scenario: A at 0.008 → 9,600.00, 0.08000: it flips to A.
    const quote = (price: string, extra: Record<string, unknown> = {}) => ({ currency: 'USD', routes: [{ channel: 'sms', country: 'US', price }], ...extra });
    const doc = {
      format: 'tco-workspace',
      version: 1,
      name: 'Decisions by hand',
      baseCurrency: 'USD',
      startMonth: '2027-01',
      horizonMonths: 12,
      defaults: { sms: { deliveryRate: '1', engagementRate: '0.1' } },
      streams: [{ id: 'us', name: 'US alerts', channel: 'sms', country: 'US', monthlyVolume: '100000', segmentsPerMessage: 1 }],
      vendors: [
        { id: 'A', name: 'Vendor A', quote: quote('0.01') },
        { id: 'B', name: 'Vendor B', quote: quote('0.006', { minimumMonthlyCommit: '900' }) },
        { id: 'C', name: 'Vendor C', quote: quote('0.005', { fees: [{ name: 'platform', amount: '1000', per: 'month', category: 'platform' }] }) },
      ],
      scenarios: [{ id: 'cut', name: 'A cuts its price', patch: [{ op: 'replace', path: '/vendors/0/quote/routes/0/price', value: '0.008' }] }],
    };
    const src = join(dir, 'decisions.json');
    writeFileSync(src, JSON.stringify(doc));
    const out = join(dir, 'decisions.pdf');
    const r = await tco('export', src, '--pdf', out);
    expect(r.code).toBe(0);
    const t = text(out);
    expect(t).toContain('7. Decisions — negotiation targets, decision risk and scenarios');
    expect(t).toContain('8. Methodology');
    // A: 12,000·p ≤ 10,800 → p = 0.9; B: 12 × max(600·p, 900) ≤ 12,000 → p = 5/3; C: 12,000 at p = 0 > 10,800.
    expect(t).toContain('Vendor A becomes the cheapest per effective message at a 10.0% lower price list.');
    expect(t).toContain('Vendor B stays the cheapest up to a 66.7% higher price list (its headroom).');
    expect(t).toContain('Vendor C cannot become the cheapest by price alone.');
    // Regret: A 12,000 − 10,800 = 1,200; B 0; C 18,000 − 10,800 = 7,200. Every draw the same: B in 100%.
    expect(t).toContain('Choosing Vendor A: the cheapest per effective message in 0% of the draws; expected regret $1,200');
    expect(t).toContain('Choosing Vendor C: the cheapest per effective message in 0% of the draws; expected regret $7,200');
    expect(t).toContain('Vendor B is the cheapest in 100% of the draws: the pilot has already said enough to decide (above 90%)');
    // The scenarios side by side, in reading order: A's base 12,000.00 and 0.1000, then 9,600.00 and 0.08000.
    expect(layout(out)).toMatch(/Vendor A \$12,000\.00 \$0\.1000 \$9,600\.00 \$0\.08000/);
    expect(t).toContain('Vendor A — the decision flips (base: Vendor B)');
    expect(t).toContain("Vendor A's price on SMS to the US: 0.008 instead of 0.01");
    pngs(out, 'decisions');
  }, 180_000);

  it('names the file it cannot write, and writes nothing', async () => {
    const out = join(dir, 'missing', 'r.pdf');
    const r = await tco('export', join(root, 'test/fixtures/worked-example.json'), '--pdf', out);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(new RegExp(`^${out}: could not be written`))]);
    expect(existsSync(out)).toBe(false);
  });
});

describe('Export in the app (browser host)', () => {
  let app: App;
  let host: Host;
  let browser: Browser;

  beforeAll(async () => {
    app = createApp({ dataDir: join(dir, 'data'), printer });
    host = await createHost({ app, staticDir: pageDir });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    app?.closeAll();
  });

  it("exports the open workspace's report to the path typed, printed server-side", async () => {
    const p = await browser.newPage({ viewport: { width: 1300, height: 900 }, locale: 'en-US' });
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(host.url);
    await p.getByRole('button', { name: 'Open the sample' }).click();
    await p.locator('tr[data-vendor="A"] td[data-col="tco"]').waitFor();
    await p.getByRole('button', { name: 'Export…' }).click();
    const field = p.getByLabel('Save as (a path on the computer running the app)');
    // It starts beside the workspace file, named after the workspace.
    expect(await field.inputValue()).toMatch(/\/Retail messaging RFP \(sample\) business case\.pdf$/);
    const out = join(dir, 'from-the-app.pdf');
    // Prepared for and by, typed in the panel: saved in the workspace file, printed on the title page.
    await p.getByLabel('Prepared for').fill('Acme Retail, procurement');
    await p.getByLabel('Prepared by').fill('Jo Rivera, Northwind Consulting');
    await field.fill(out);
    await p.screenshot({ path: join(shots, 'export-panel.png') });
    await p.getByRole('button', { name: 'Export report' }).click();
    const status = p.locator('[data-exported]');
    await status.waitFor({ timeout: 120_000 });
    expect(await status.getAttribute('data-exported')).toBe(out);
    expect(await status.textContent()).toMatch(/^Wrote .* \(\d+ pages\)\.$/);
    await p.screenshot({ path: join(shots, 'export-done.png') });
    expect(text(out)).toContain('Recommendation: Vendor A (global CPaaS)');
    // On the title page, the labels above their values: read as laid out, the labels' row, then the values'.
    expect(layout(out)).toMatch(/Prepared for +Prepared by +Prepared .*Acme Retail, procurement +Jo Rivera, Northwind Consulting/);
    // A path that cannot be written: the error, naming it, in the panel.
    await field.fill(join(dir, 'missing', 'x.pdf'));
    await p.getByRole('button', { name: 'Export report' }).click();
    await expect.poll(() => p.locator('.export-status.error').textContent(), { timeout: 30_000 }).toMatch(/missing\/x\.pdf: could not be written/);
    expect(errors).toEqual([]);
    await p.close();
  }, 180_000);
});
