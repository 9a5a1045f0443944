/**
 * Accessibility (issue 14, item 11): axe-core (node_modules/axe-core/axe.min.js, injected into the
 * page) on every screen of the app, in the light and the dark theme (prefers-color-scheme), with the
 * sample open so every part is drawn: no serious or critical violation. The violations found are
 * printed with their targets, so a failure says where.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT as root, SHOTS as shots, startServed, type Served } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-axe-'));
let served: Served;
let browser: Browser;

let stop: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ served, browser, stop } = await startServed(dir));
}, 120_000);

afterAll(() => stop?.());

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(p: Page): Promise<string[]> {
  // Evaluated through the devtools protocol: the page's Content-Security-Policy (script-src 'self') stays as shipped.
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(AXE);
  const violations = (await p.evaluate(async () => (await (window as any).axe.run(document, { resultTypes: ['violations'] })).violations)) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ')}]` : ''}`).join('; ')}`);
}

const AXE = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SCREENS = ['Compare', 'Volume plan', 'Vendors', 'Evidence', 'Import events', 'Settings'] as const;

describe('axe-core on every screen, both themes', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme} theme: no serious or critical violation on the start screen and the six screens of the sample`, async () => {
      const p = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: scheme });
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));
      await p.goto(served.url);
      await p.getByRole('button', { name: 'Open the sample' }).waitFor();
      const found: Record<string, string[]> = {};
      found.start = await seriousViolations(p);
      await p.getByRole('button', { name: 'Open the sample' }).click();
      await p.locator('tr[data-vendor="A"] td[data-col="tco"]').waitFor();
      await expect.poll(() => p.locator('tr[data-vendor="A"]').textContent(), { timeout: 30_000 }).not.toContain('…');
      for (const screen of SCREENS) {
        await p.getByRole('navigation').getByRole('button', { name: screen, exact: true }).click();
        await p.getByRole('heading', { level: 1 }).first().waitFor();
        // The four charts and the waterfall of why A wins.
        if (screen === 'Compare') await expect.poll(() => p.locator('canvas[role="img"]').count(), { timeout: 30_000 }).toBe(5);
        await p.waitForTimeout(300);
        found[screen] = await seriousViolations(p);
        if (screen === 'Compare' || screen === 'Vendors') await p.screenshot({ path: join(shots, `axe-${scheme}-${screen.toLowerCase()}.png`) });
      }
      expect(found).toEqual({ start: [], ...Object.fromEntries(SCREENS.map((s) => [s, []])) });
      expect(errors).toEqual([]);
      await p.close();
    }, 120_000);
  }
});
