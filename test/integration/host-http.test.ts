/**
 * The browser host (electron/host): the same API over HTTP on 127.0.0.1, only with the launch token,
 * only from its own origin; static files with a strict CSP; `npm run web` prints one line and stops
 * cleanly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../electron/host/server.js';
import { createApp, type App } from '../../electron/services/app.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-host-'));
const staticDir = join(dir, 'static');
let app: App;
let host: Host;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function http(method: string, path: string, opts: { body?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const api = (op: string, input: unknown, headers: Record<string, string> = {}) =>
  http('POST', `/api/${op}`, { body: JSON.stringify(input), headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', ...headers } });

beforeAll(async () => {
  (await import('node:fs')).mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  app = createApp({ dataDir: join(dir, 'data') });
  host = await createHost({ app, staticDir });
});

afterAll(async () => {
  await host.close();
  app.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('the API over HTTP', () => {
  it('answers a call that carries the token', async () => {
    const r = await api('segments', { text: 'hi' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { encoding: 'GSM-7', segments: 1, units: 2, perSegment: 160, ucs2Chars: [] } });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('creates, edits and reads a workspace file', async () => {
    const path = join(dir, 'w.tcows');
    const created = JSON.parse((await api('workspace.create', { path })).body);
    expect(created.ok).toBe(true);
    const edited = JSON.parse((await api('settings.update', { handle: created.value.handle, patch: { horizonMonths: 24 } })).body);
    expect(edited.value.document.horizonMonths).toBe(24);
    const got = JSON.parse((await api('workspace.get', { handle: created.value.handle })).body);
    expect(got.value.history.undoLabel).toBe('Change the horizon');
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    const none = await http('POST', '/api/segments', { body: '{"text":"x"}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.code).toBe('UNAUTHORIZED');
    const wrong = await http('POST', '/api/segments', { body: '{"text":"x"}', headers: { Authorization: `Bearer ${'0'.repeat(64)}` } });
    expect(wrong.status).toBe(401);
  });

  it('refuses a call from another origin even with the token', async () => {
    const r = await api('segments', { text: 'x' }, { Origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).ok).toBe(false);
    const own = await api('segments', { text: 'x' }, { Origin: host.origin });
    expect(own.status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const r = await api('segments', { text: 'x' }, { Host: `evil.example:${host.port}` });
    expect(r.status).toBe(403);
  });

  it('answers other methods, unknown operations and bad bodies with typed errors', async () => {
    expect((await http('GET', '/api/segments', { headers: { Authorization: `Bearer ${host.token}` } })).status).toBe(405);
    const unknown = await api('nope', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('UNKNOWN_OPERATION');
    const bad = await http('POST', '/api/segments', { body: '{not json', headers: { Authorization: `Bearer ${host.token}` } });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('INVALID_INPUT');
    const malformed = JSON.parse((await api('segments', { text: 5 })).body);
    expect(malformed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: '$.text', field: 'text' } });
  });

  it('refuses a body over 10 MB', async () => {
    const r = await http('POST', '/api/segments', { body: 'x'.repeat(10 * 1024 * 1024 + 1), headers: { Authorization: `Bearer ${host.token}` } });
    expect(r.status).toBe(413);
  });
});

describe('static files', () => {
  it('serves index.html with a strict CSP', async () => {
    const r = await http('GET', '/');
    expect(r.status).toBe(200);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('never serves a file outside its folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt']) {
      const r = await http('GET', p);
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('secret');
    }
  });
});

describe('npm run web', () => {
  it('prints one line with the URL and stops cleanly on SIGTERM', async () => {
    const root = new URL('../..', import.meta.url).pathname;
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/host/main.ts', '--port', '0', '--data-dir', join(dir, 'web-data'), '--static', staticDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await new Promise<string>((ok, fail) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) ok(out);
      });
      child.on('exit', (code) => fail(new Error(`exited ${code}`)));
    });
    expect(line).toMatch(/^Messaging TCO is running at http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}\n$/);
    const url = new URL(line.trim().split(' ').pop()!);
    const page = await fetch(`${url.origin}/`);
    expect(page.status).toBe(200);
    const code = await new Promise<number | null>((ok) => {
      child.on('exit', (c) => ok(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });

  it('rejects a bad port in one line with exit status 2', async () => {
    const root = new URL('../..', import.meta.url).pathname;
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/host/main.ts', '--port', 'abc'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((ok) => child.on('exit', (c) => ok(c)));
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('--port');
  });
});
