/**
 * The browser host's upload (POST /upload): a page in a browser cannot know the path of a file the
 * user chose, so the host keeps the bytes in its own temporary folder and answers with that path.
 * The same token and origin checks as the API; the name cannot climb out of the folder; the folder
 * goes when the host stops.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../electron/host/server.js';
import { createApp, type App } from '../../electron/services/app.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-host-upload-'));
const uploads = join(dir, 'uploads');
let app: App;
let host: Host;

beforeAll(async () => {
  mkdirSync(join(dir, 'static'));
  app = createApp({ dataDir: null });
  host = await createHost({ app, staticDir: join(dir, 'static'), token: 'the-token', uploadDir: uploads });
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

function post(path: string, body: Buffer | string, headers: Record<string, string>): Promise<{ status: number; json: any }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: host.port, method: 'POST', path, headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

const auth = { Authorization: 'Bearer the-token' };

describe('POST /upload', () => {
  it('keeps the bytes as sent under the file name, in its own folder, and answers with the path', async () => {
    const bytes = Buffer.concat([Buffer.from('message_id,route,event,timestamp\n'), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.alloc(70_000, 0x61)]);
    const r = await post('/upload?name=pilot%20log.csv', bytes, auth);
    expect(r.status).toBe(200);
    expect(r.json.ok).toBe(true);
    const path: string = r.json.value.path;
    expect(path.endsWith('/pilot log.csv')).toBe(true);
    expect(dirname(dirname(path))).toBe(uploads);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    // The file can then be previewed through the API like any other.
    const p = await app.dispatch('import.preview', { path });
    expect(p.ok && (p.value as { columns: string[] }).columns).toEqual(['message_id', 'route', 'event', 'timestamp']);
  });

  it('a name with folders in it keeps only its last part', async () => {
    const r = await post(`/upload?name=${encodeURIComponent('../../etc/passwd')}`, 'x', auth);
    expect(r.status).toBe(200);
    expect(r.json.value.path.startsWith(uploads)).toBe(true);
    expect(r.json.value.path.endsWith('/passwd')).toBe(true);
  });

  it('no token is 401, another origin is 403; nothing is kept', async () => {
    const before = readdirSync(uploads).length;
    expect((await post('/upload?name=a.csv', 'x', {})).status).toBe(401);
    expect((await post('/upload?name=a.csv', 'x', { Authorization: 'Bearer wrong' })).status).toBe(401);
    const other = await post('/upload?name=a.csv', 'x', { ...auth, Origin: 'http://evil.example' });
    expect(other.status).toBe(403);
    expect(other.json.error.code).toBe('FORBIDDEN');
    expect(readdirSync(uploads).length).toBe(before);
  });

  it('the folder is removed when the host stops', async () => {
    const h2dir = join(dir, 'uploads-2');
    const h2 = await createHost({ app, staticDir: join(dir, 'static'), token: 't2', uploadDir: h2dir });
    const r = await new Promise<number>((ok, fail) => {
      const req = request({ host: '127.0.0.1', port: h2.port, method: 'POST', path: '/upload?name=x.csv', headers: { Host: `127.0.0.1:${h2.port}`, Authorization: 'Bearer t2' } }, (res) => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
      });
      req.on('error', fail);
      req.end('abc');
    });
    expect(r).toBe(200);
    expect(existsSync(h2dir)).toBe(true);
    await h2.close();
    expect(existsSync(h2dir)).toBe(false);
  });
});
