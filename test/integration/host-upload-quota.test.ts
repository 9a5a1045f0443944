/**
 * The browser host caps its uploads in total (issue 18): a quota for everything uploaded since it
 * started, refused with a sentence (413) whether the size is announced or only streamed; what was
 * refused is not kept, and the host goes on answering.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_QUOTA, createHost, type Host } from '../../electron/host/server.js';
import { createApp, type App } from '../../electron/services/app.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-quota-'));
const uploads = join(dir, 'uploads');
let app: App;
let host: Host;
beforeAll(async () => {
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  app = createApp({ dataDir: null });
  host = await createHost({ app, staticDir: dir, token: 'tok', uploadDir: uploads, uploadQuota: 1000 });
});
afterAll(async () => {
  await host.close();
  app.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

/** POST /upload: the parts are written one by one (chunked, no length) unless `announce`. */
function upload(name: string, parts: string[], announce: boolean): Promise<{ status: number; json: any }> {
  return new Promise((ok, fail) => {
    const length = parts.reduce((n, p) => n + Buffer.byteLength(p), 0);
    const headers: Record<string, string> = { Authorization: 'Bearer tok', ...(announce ? { 'Content-Length': String(length) } : {}) };
    const req = request({ host: '127.0.0.1', port: host.port, method: 'POST', path: `/upload?name=${name}`, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
    req.on('error', fail);
    for (const p of parts) req.write(p);
    req.end();
  });
}

describe('the upload quota', () => {
  it('is 8 GiB by default', () => {
    expect(UPLOAD_QUOTA).toBe(8 * 1024 ** 3);
  });

  it('600 bytes, then 600 more announced (1,200 > 1,000) are refused with a sentence; 400 more fit; a streamed one past it is refused and not kept', async () => {
    const first = await upload('a.csv', ['x'.repeat(600)], true);
    expect(first.status).toBe(200);

    const second = await upload('b.csv', ['x'.repeat(600)], true);
    expect(second.status).toBe(413);
    expect(second.json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(second.json.error.message).toBe(
      'b.csv was not uploaded: the files uploaded since the app started would pass 0.000001 GiB (1000 bytes), the most it keeps; restart it (npm run web) to clear them',
    );

    expect((await upload('c.csv', ['x'.repeat(400)], true)).status).toBe(200);

    const streamed = await upload('d.csv', ['x'.repeat(100), 'y'.repeat(100)], false);
    expect(streamed.status).toBe(413);
    expect(streamed.json.error.message).toMatch(/^d\.csv was not uploaded: the files uploaded since the app started would pass/);
    const kept = readdirSync(uploads).flatMap((f) => readdirSync(join(uploads, f)));
    expect(kept.sort()).toEqual(['a.csv', 'c.csv']);
    expect(existsSync(join(uploads, 'd.csv'))).toBe(false);

    // The host goes on answering.
    expect(await app.dispatch('segments', { text: 'hi' })).toMatchObject({ ok: true });
  });
});
