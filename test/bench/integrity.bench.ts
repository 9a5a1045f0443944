/**
 * `npm run bench:integrity`: the cost of PRAGMA integrity_check (what opening a workspace file runs)
 * beside quick_check, on a workspace file of about 50 MB, and the time of a whole open.
 * The file: 2,000 streams (the limit) with a message template of 17,500 characters each, and 10
 * vendors of 5,000 routes with 5 tiers each (50,000 routes and 250,000 tiers: the most a document
 * may hold), so that most of the file is rows and their indexes; built in a temporary folder and
 * removed at the end. Figures go to the README.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalDocument, readDocument } from '../../electron/api/document.js';
import { WorkspaceStore } from '../../electron/store/workspace-store.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-integrity-'));
try {
  const path = join(dir, 'big.tcows');
  const template = 'Your order has shipped. '.repeat(800).slice(0, 17_500);
  const doc = canonicalDocument(
    readDocument({
      format: 'tco-workspace',
      version: 1,
      baseCurrency: 'USD',
      startMonth: '2027-01',
      streams: Array.from({ length: 2_000 }, (_, i) => ({ id: `s${i}`, channel: 'sms', country: 'US', class: `c${i}`, monthlyVolume: '1000', template })),
      vendors: Array.from({ length: 10 }, (_, v) => ({
        id: `V${v}`,
        quote: {
          currency: 'USD',
          routes: Array.from({ length: 5_000 }, (_, r) => ({
            channel: 'sms',
            country: 'US',
            class: `c${r}`,
            tiers: [0, 1e4, 1e5, 1e6, 1e7].map((from, t) => ({ from: String(from), price: `0.00${79 - t}` })),
          })),
        },
      })),
    }),
  );
  WorkspaceStore.create(path, doc).close();
  const mb = statSync(path).size / 1e6;
  const time = (f: () => unknown, n = 5): number => {
    const t: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      f();
      t.push(performance.now() - t0);
    }
    return t.sort((a, b) => a - b)[Math.floor(n / 2)]!;
  };
  const db = new Database(path, { readonly: true });
  const quick = time(() => db.pragma('quick_check', { simple: true }));
  const full = time(() => db.pragma('integrity_check(1)', { simple: true }));
  db.close();
  const open = time(() => WorkspaceStore.open(path).close(), 3);
  console.log(`workspace file: ${mb.toFixed(1)} MB`);
  console.log(`quick_check:     ${quick.toFixed(0)} ms (median of 5)`);
  console.log(`integrity_check: ${full.toFixed(0)} ms (median of 5): ${(full - quick).toFixed(0)} ms more`);
  console.log(`open (checks, document read and validated): ${open.toFixed(0)} ms (median of 3)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
