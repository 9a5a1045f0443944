/**
 * The browser host (electron/host) over real HTTP on 127.0.0.1: the API only with the launch token
 * and only from its own origin and Host, typed errors as data, static files with a strict CSP and
 * nothing outside their folder; `npm run web` prints one line with the URL and stops cleanly.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, createHost, MAX_BODY, type Host } from '../../electron/host/server.js';
import { createApp, type App } from '../../electron/services/app.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tco-host-'));
const staticDir = join(dir, 'static');
let app: App;
let host: Host;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path goes out exactly as written (no URL normalisation, unlike fetch). */
function http(method: string, path: string, opts: { body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end(opts.body);
  });
}

const auth = () => ({ Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' });
const api = (op: string, input: unknown, headers: Record<string, string> = {}) => http('POST', `/api/${op}`, { body: JSON.stringify(input), headers: { ...auth(), ...headers } });
const json = (r: Reply) => JSON.parse(r.body) as { ok: boolean; value?: any; error?: { code: string; message: string; path?: string; field?: string } };

beforeAll(async () => {
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title><script src="app.js"></script>');
  writeFileSync(join(staticDir, 'app.js'), 'void 0;\n');
  writeFileSync(join(staticDir, 'style.css'), 'body{}\n');
  // Beside the static folder, where a traversal would land.
  writeFileSync(join(dir, 'package.json'), '{"secret":"outside the static folder"}');
  app = createApp({ dataDir: join(dir, 'data') });
  host = await createHost({ app, staticDir, port: 0 });
});

afterAll(async () => {
  await host?.close();
  app?.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('createHost', () => {
  it('listens on 127.0.0.1 on a free port, with a fresh 32-byte token in the URL fragment', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
  });
});

describe('the API over HTTP', () => {
  it('answers a call that carries the token: ApiResult JSON, HTTP 200, no CORS header', async () => {
    const r = await api('segments', { text: 'hi' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json(r)).toEqual({ ok: true, value: { encoding: 'GSM-7', segments: 1, units: 2, perSegment: 160, ucs2Chars: [] } });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('creates a workspace file and reads it back', async () => {
    const path = join(dir, 'w.tcows');
    const created = json(await api('workspace.create', { path }));
    expect(created.ok).toBe(true);
    expect(created.value.path).toBe(path);
    const got = await api('workspace.get', { handle: created.value.handle });
    expect(got.status).toBe(200);
    expect(json(got)).toMatchObject({ ok: true, value: { handle: created.value.handle, path, document: created.value.document } });
    const recent = json(await api('workspace.recent', {}));
    expect(recent.ok).toBe(true);
    expect(recent.value.files).toContain(path);
  });

  it('takes an empty body as {}', async () => {
    const r = await http('POST', '/api/workspace.recent', { headers: auth() });
    expect(r.status).toBe(200);
    expect(json(r).ok).toBe(true);
  });

  it('refuses a call without the token, or with a wrong one (401)', async () => {
    const none = await http('POST', '/api/segments', { body: '{"text":"x"}', headers: { 'Content-Type': 'application/json' } });
    expect(none.status).toBe(401);
    expect(json(none)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    for (const header of [`Bearer ${'0'.repeat(64)}`, `Bearer ${host.token.slice(1)}`, `Bearer ${host.token}x`, host.token, `Basic ${host.token}`]) {
      const wrong = await http('POST', '/api/segments', { body: '{"text":"x"}', headers: { Authorization: header } });
      expect(wrong.status, header).toBe(401);
    }
  });

  it('refuses a call from another origin even with the token (403), and takes its own', async () => {
    const r = await api('segments', { text: 'x' }, { Origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect(json(r)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect((await api('segments', { text: 'x' }, { Origin: `http://127.0.0.1:${host.port + 1}` })).status).toBe(403);
    expect((await api('segments', { text: 'x' }, { Origin: 'null' })).status).toBe(403);
    expect((await api('segments', { text: 'x' }, { Origin: host.origin })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding, 403), and takes localhost', async () => {
    for (const h of [`evil.example:${host.port}`, 'evil.example', `127.0.0.1:${host.port + 1}`, '127.0.0.1']) {
      const r = await api('segments', { text: 'x' }, { Host: h });
      expect(r.status, h).toBe(403);
    }
    expect((await http('GET', '/', { headers: { Host: `evil.example:${host.port}` } })).status).toBe(403);
    const local = await api('segments', { text: 'x' }, { Host: `localhost:${host.port}`, Origin: `http://localhost:${host.port}` });
    expect(local.status).toBe(200);
  });

  it('answers another method on /api with 405', async () => {
    const r = await http('GET', '/api/x', { headers: auth() });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('POST');
    expect(json(r).ok).toBe(false);
    expect((await http('PUT', '/api/segments', { body: '{}', headers: auth() })).status).toBe(405);
  });

  it("answers an unknown operation with dispatch's UNKNOWN_OPERATION (404)", async () => {
    const r = await api('nope', {});
    expect(r.status).toBe(404);
    expect(json(r)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    expect((await api('%E0%A4%A', {})).status).toBe(404);
  });

  it('answers a body that is not JSON with 400 and a JSON error', async () => {
    const r = await http('POST', '/api/segments', { body: '{not json', headers: auth() });
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    const e = json(r);
    expect(e.ok).toBe(false);
    expect(e.error!.code).toBe('INVALID_INPUT');
    expect(e.error!.message).toMatch(/^request body is not valid JSON: /);
  });

  it('answers malformed input with a typed error as data (200)', async () => {
    const r = await api('segments', { text: 5 });
    expect(r.status).toBe(200);
    expect(json(r)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: '$.text', field: 'text' } });
    const missing = json(await api('workspace.get', { handle: 'no-such-handle' }));
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a body over 10 MB (413) and still takes one just under', async () => {
    const r = await http('POST', '/api/segments', { body: Buffer.alloc(MAX_BODY + 1, 'x'), headers: auth() });
    expect(r.status).toBe(413);
    expect(json(r)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const under = await http('POST', '/api/segments', { body: JSON.stringify({ text: 'a'.repeat(1000) }).padEnd(MAX_BODY, ' '), headers: auth() });
    expect(under.status).toBe(200);
    expect(json(under)).toMatchObject({ ok: true, value: { segments: 7 } });
  });
});

describe('static files', () => {
  it('serves index.html at / with the security headers, without a token', async () => {
    const r = await http('GET', '/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>t</title>');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(CSP);
    expect(CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves assets with their content types, and HEAD without a body', async () => {
    expect((await http('GET', '/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await http('GET', '/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await http('HEAD', '/index.html');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
  });

  it('answers 404 for a missing file, with the security headers', async () => {
    const r = await http('GET', '/nope.js');
    expect(r.status).toBe(404);
    expect(r.headers['content-security-policy']).toBe(CSP);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('never serves a file outside its folder', async () => {
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e%2fpackage.json', '/..\\package.json', '/static/../../package.json', '/%00']) {
      const r = await http('GET', p);
      expect(r.status, p).toBe(404);
      expect(r.body, p).not.toContain('secret');
    }
  });
});

describe('npm run web', () => {
  it('prints one line with the URL, serves the page without a token, and stops cleanly on SIGTERM', async () => {
    // The tsx that `npx tsx` runs, started directly: npx (npm exec) runs it under `sh -c` and, sent
    // SIGTERM, exits 143 and leaves the server running without a parent.
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['electron/host/main.ts', '--port', '0', '--data-dir', join(dir, 'web-data')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    try {
      await new Promise<void>((ok, fail) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('\n')) ok();
        });
        void exited.then((code) => fail(new Error(`npm run web exited ${code}: ${err}`)));
      });
      expect(out).toMatch(/^Messaging TCO is running at http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}\n$/);
      const url = new URL(out.trim().split(' ').pop()!);
      const page = await fetch(`${url.origin}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('<html');
      const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
      const call = await fetch(`${url.origin}/api/segments`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: '{"text":"ok"}' });
      expect(await call.json()).toMatchObject({ ok: true, value: { segments: 1 } });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out.split('\n')).toEqual([out.trim(), '']);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);

  it('refuses bad arguments in one line on stderr with exit status 2', async () => {
    for (const args of [['--port', 'abc'], ['--port', '70000'], ['--nope'], ['--static', join(dir, 'no-such-folder')]]) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'electron/host/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const code = await new Promise<number | null>((ok) => child.on('exit', (c) => ok(c)));
      expect(code, args.join(' ')).toBe(2);
      expect(out).toBe('');
      expect(err.trim().split('\n'), err).toHaveLength(1);
    }
  }, 60_000);
});
