import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../electron/services/app.js';
import { benchWorkspace } from './generate.js';
import { WorkspaceStore } from '../../electron/store/workspace-store.js';
import { readDocument, canonicalDocument } from '../../electron/api/document.js';
const dir = mkdtempSync(join(tmpdir(), 'edit-'));
const app = createApp({ dataDir: join(dir, 'd') });
const doc = benchWorkspace(10, 30, 60);
const st: any = (await app.dispatch('workspace.create', { path: join(dir, 'b.tcows'), from: doc }));
const handle = st.value.handle;
const times: number[] = [];
for (let i = 0; i < 40; i++) {
  const t = performance.now();
  const r: any = await app.dispatch('workspace.edit', { handle, op: 'routes.update', input: { vendorId: doc.vendors[3]!.id, index: 0, patch: { tiers: [{ from: 0, price: `0.0${5000 + i}` }] } } });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  times.push(performance.now() - t);
  if (i === 0) console.log('answer bytes', JSON.stringify(r.value).length);
}
times.sort((a, b) => a - b);
console.log('workspace.edit median', times[20]!.toFixed(1), 'ms');
// pieces
const store = WorkspaceStore.open ? null : null;
const d = canonicalDocument(readDocument(doc));
let t = performance.now(); for (let i = 0; i < 20; i++) readDocument(d); console.log('readDocument', ((performance.now() - t) / 20).toFixed(2));
t = performance.now(); for (let i = 0; i < 20; i++) canonicalDocument(readDocument(d)); console.log('read+canonical', ((performance.now() - t) / 20).toFixed(2));
t = performance.now(); for (let i = 0; i < 20; i++) JSON.stringify(d); console.log('stringify', ((performance.now() - t) / 20).toFixed(2));
app.closeAll();
