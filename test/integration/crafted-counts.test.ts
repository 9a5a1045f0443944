/**
 * A workspace file crafted to hold a million streams (issue 18's bomb, as rows) is refused by its row
 * counts before any row is read: in well under a second, naming the limit, the file unchanged.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument } from '../../electron/api/document.js';
import { createApp } from '../../electron/services/app.js';
import { WorkspaceStore } from '../../electron/store/workspace-store.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-counts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sample = canonicalDocument(readDocument(JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8'))));
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('a workspace file of a million streams', () => {
  it('is refused by its counts (limit: streams) in under 2 s, before its pages are checked, and left as it was', async () => {
    const path = join(dir, 'million.tcows');
    WorkspaceStore.create(path, sample).close();
    const db = new Database(path);
    db.exec(`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 1000000)
      INSERT INTO streams (position, id, name, channel, monthly_volume, annual_growth, inbound_per_outbound, contact_growth)
      SELECT 100 + i, 'bomb-' || i, 'bomb', 'email', '1', '0', '0', '0' FROM c`);
    db.close();
    const before = sha(path);
    const app = createApp({ dataDir: null });
    const t = performance.now();
    const r = await app.dispatch('workspace.open', { path });
    const ms = performance.now() - t;
    expect(r).toMatchObject({ ok: false, error: { code: 'CORRUPT_WORKSPACE', file: path } });
    expect(!r.ok && r.error.message).toBe(`${path}: holds 1,000,004 streams: a workspace can have at most 2,000 (limit: streams); it was not opened`);
    console.log(`a workspace file of 1,000,004 streams refused in ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(2000);
    expect(sha(path)).toBe(before);
    app.closeAll();
  }, 60_000);
});
