/**
 * Every operation of the contract's table (OP_NAMES) gets generated malformed input through the one
 * dispatch: a valid input for it with random JSON values put at random paths, keys deleted or
 * added, or the whole input replaced. test/integration/api-table.test.ts sends each operation three
 * fixed malformed inputs; this sends API_RUNS generated ones each. Every answer is a result, or a
 * typed error of the contract (ERROR_CODES, never INTERNAL) with a message a person can read (no
 * built-in error's text) and, where it names one, a JSON path; none takes long. An operation added
 * to the table without a valid input here fails the test, so the walk stays whole.
 *
 * File paths in the inputs are kept inside a temporary folder (a generated path is moved there),
 * and the draws of a computation are capped, so a generated input can neither write elsewhere nor
 * take minutes.
 */
import { basename, join } from 'node:path';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument } from '../../electron/api/document.js';
import { ERROR_CODES, type ApiResult } from '../../electron/api/errors.js';
import { OP_NAMES, type WorkspaceState } from '../../electron/api/operations.js';
import { createApp } from '../../electron/services/app.js';
import { WorkspaceStore } from '../../electron/store/workspace-store.js';
import { BUILTIN_ERROR_TEXT, applyValueEdits, jsonValue, valueEdits, type Json } from './mutate.js';

export const API_RUNS = Number(process.env.API_RUNS ?? 200);
const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tco-fuzz-api-'));
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);
const app = createApp({ dataDir: join(dir, 'data'), now: () => new Date('2026-11-23T12:00:00Z'), printer: { print: async () => new Uint8Array(PDF) } });
afterAll(() => {
  app.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

const sampleJson = JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8')) as Json;
const sample = canonicalDocument(readDocument(sampleJson));
const WS = join(dir, 'ws.tcows');
const EVENTS = join(dir, 'events.csv');
const MAPPING = {
  columns: { messageId: 'message_id', route: 'route', event: 'event', timestamp: 'timestamp' },
};
let handle = '';
let n = 0;

/** A valid input for every operation (HANDLE stands for the open workspace's handle). */
const VALID: Record<string, () => Json> = {
  'workspace.create': () => ({ path: join(dir, `created-${++n}.tcows`), from: sampleJson }),
  'workspace.open': () => ({ path: WS }),
  'workspace.close': () => ({ handle }),
  'workspace.get': () => ({ handle }),
  'workspace.saveAs': () => ({ handle, path: join(dir, `saved-${++n}.tcows`) }),
  'workspace.exportDocument': () => ({ handle, path: join(dir, 'out.json') }),
  'export.pdf': () => ({ handle, path: join(dir, 'out.pdf'), draws: 20 }),
  'report.settings': () => ({ handle, preparedFor: 'Acme Retail, procurement', preparedBy: 'Jo Consultant' }),
  'workspace.recent': () => ({}),
  'workspace.edit': () => ({ handle, op: 'settings.update', input: { patch: { name: 'Edited' } } }),
  'history.undo': () => ({ handle }),
  'history.redo': () => ({ handle }),
  'settings.update': () => ({ handle, patch: { name: 'Renamed', horizonMonths: 24 } }),
  'fx.set': () => ({ handle, rate: { currency: 'GBP', rate: '1.27', asOf: '2026-11-20' } }),
  'fx.remove': () => ({ handle, currency: 'GBP' }),
  'defaults.set': () => ({ handle, channel: 'push', rates: { deliveryRate: 0.9, engagementRate: 0.05 } }),
  'defaults.remove': () => ({ handle, channel: 'push' }),
  'streams.add': () => ({ handle, stream: { id: 'push-all', channel: 'push', monthlyVolume: 50000 } }),
  'streams.update': () => ({ handle, id: 'alerts-ke', patch: { monthlyVolume: '70000', name: 'Alerts KE' } }),
  'streams.remove': () => ({ handle, id: 'push-all' }),
  'vendors.add': () => ({ handle, vendor: { id: 'D', quote: { currency: 'USD', routes: [{ channel: 'email', price: '0.0001' }] } } }),
  'vendors.update': () => ({ handle, id: 'D', patch: { name: 'Vendor D' } }),
  'vendors.remove': () => ({ handle, id: 'D' }),
  'quote.update': () => ({ handle, vendorId: 'C', patch: { discount: '0.12', minimumMonthlyCommit: '500' } }),
  'routes.add': () => ({ handle, vendorId: 'C', route: { channel: 'sms', country: 'KE', price: '0.009' } }),
  'routes.update': () => ({
    handle,
    vendorId: 'C',
    index: 0,
    patch: {
      tiers: [
        { from: 0, price: '0.0071' },
        { from: 100000, price: '0.0065' },
      ],
      tierMode: 'volume',
    },
  }),
  'routes.remove': () => ({ handle, vendorId: 'C', index: 2 }),
  'fees.add': () => ({ handle, vendorId: 'C', fee: { name: 'Onboarding', amount: '1500', per: 'once', category: 'setup' } }),
  'fees.update': () => ({ handle, vendorId: 'C', index: 0, patch: { amount: '1800', month: 2 } }),
  'fees.remove': () => ({ handle, vendorId: 'C', index: 1 }),
  'internal.update': () => ({ handle, vendorId: 'C', patch: { setupHours: 220 } }),
  'pilots.add': () => ({ handle, vendorId: 'C', pilot: { channel: 'sms', country: 'US', sent: 1000, delivered: 950, engaged: 40 } }),
  'pilots.update': () => ({ handle, vendorId: 'C', index: 0, patch: { delivered: 960 } }),
  'pilots.remove': () => ({ handle, vendorId: 'C', index: 0 }),
  'scenarios.add': () => ({ handle, name: 'Volume +30%' }),
  'scenarios.rename': () => ({ handle, id: 'volume-30', name: 'Volume up' }),
  'scenarios.remove': () => ({ handle, id: 'volume-30' }),
  'scenarios.removeOperation': () => ({ handle, id: 'volume-30', index: 0 }),
  import: () => ({ handle, path: EVENTS, vendorId: 'C', format: 'events-csv' }),
  'import.formats': () => ({}),
  'import.preview': () => ({ path: EVENTS, rows: 5 }),
  'import.savePreset': () => ({ name: 'mine', kind: 'csv', mapping: MAPPING }),
  'import.removePreset': () => ({ name: 'mine' }),
  'import.progress': () => ({ importId: 'none' }),
  'import.cancel': () => ({ importId: 'none' }),
  'export.xlsx': () => ({ handle, path: join(dir, 'out.xlsx'), draws: 20 }),
  'export.csv': () => ({ handle, path: join(dir, 'out.csv'), table: 'compare', draws: 20 }),
  compute: () => ({ handle, draws: 20, seed: 1 }),
  segments: () => ({ text: 'Your code is 123456 😀' }),
  holdout: () => ({ exposed: [412, 9000], holdout: [31, 1000] }),
  sampleSize: () => ({ p0: 0.031, lift: 0.01 }),
};

/**
 * A generated input kept safe to run: paths inside the folder, at most 200 draws. File names are
 * cut to 300 characters, past the 255 bytes a name can have: a name too long for the file system
 * (or for SQLite's -journal beside a workspace) must be a FILE_ERROR, never INTERNAL.
 */
function contain(input: Json): Json {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const out = input as Record<string, Json>;
  if (typeof out.path === 'string') out.path = join(dir, 'gen', basename(out.path).slice(0, 300).replace(/^\.+$/, '_') || '_');
  if (typeof out.draws === 'number' && out.draws > 200) out.draws = 200;
  return out;
}

async function reopen(): Promise<void> {
  const r = (await app.dispatch('workspace.open', { path: WS })) as ApiResult<WorkspaceState>;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  handle = r.value.handle;
}

beforeAll(async () => {
  WorkspaceStore.create(WS, sample).close();
  copyFileSync(new URL('../fixtures/events/pilot.csv', import.meta.url), EVENTS);
  (await import('node:fs')).mkdirSync(join(dir, 'gen'));
  await reopen();
});

describe(`every operation of the table under ${API_RUNS} generated malformed inputs`, () => {
  it('has a valid input here for every operation (the walk covers the whole table)', () => {
    expect(Object.keys(VALID).sort()).toEqual([...OP_NAMES].sort());
  });

  it.each(OP_NAMES.map((op) => [op]))(
    '%s',
    async (op) => {
      const valid = VALID[op];
      if (!valid) throw new Error(`no valid input for ${op}: add one to VALID`);
      const first = await app.dispatch(op, valid());
      expect(first.ok || first.error.code !== 'INVALID_INPUT', `the valid input of ${op}: ${JSON.stringify(first).slice(0, 300)}`).toBe(true);
      const codes: Record<string, number> = {};
      let slowest = 0;
      const input = fc.oneof({ weight: 6, arbitrary: valueEdits.map((edits) => applyValueEdits(valid(), edits)) }, { weight: 1, arbitrary: jsonValue });
      await fc.assert(
        fc.asyncProperty(input, async (raw) => {
          const t = performance.now();
          const r = await app.dispatch(op, contain(raw));
          slowest = Math.max(slowest, performance.now() - t);
          const key = r.ok ? 'ok' : r.error.code;
          codes[key] = (codes[key] ?? 0) + 1;
          if (!r.ok) {
            const e = r.error;
            const at = `${op} ${JSON.stringify(raw).slice(0, 200)} -> ${JSON.stringify(e).slice(0, 300)}`;
            if (!(ERROR_CODES as readonly string[]).includes(e.code) || e.code === 'INTERNAL' || e.code === 'UNKNOWN_OPERATION') throw new Error(`untyped failure: ${at}`);
            if (typeof e.message !== 'string' || e.message.trim() === '' || BUILTIN_ERROR_TEXT.test(e.message)) throw new Error(`no readable message: ${at}`);
            if (e.path !== undefined && !e.path.startsWith('$')) throw new Error(`a path that is not a JSON path: ${at}`);
          }
          if (op === 'workspace.close' || op === 'workspace.saveAs') await reopen();
        }),
        { numRuns: API_RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261123) },
      );
      expect(codes.INVALID_INPUT ?? 0).toBeGreaterThan(0);
      expect(slowest).toBeLessThan(10_000);
    },
    120_000,
  );
});
