/**
 * The Content-Security-Policy of every way the page is served: the Electron app:// handler
 * (electron/main/security.ts, sent by protocol.ts), the browser host (electron/host/server.ts) and
 * the page's own <meta> (renderer/index.html). Scripts come from the app's origin only: no
 * 'unsafe-eval', no inline script (no 'unsafe-inline', no nonce or hash that would let one in),
 * no data:, blob: or remote scripts. The pages hold no inline script, no on…= handler and no
 * javascript: URL, and the built renderer (built here into a temporary folder) neither does nor
 * needs eval.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP as HOST_CSP, SECURITY_HEADERS as HOST_HEADERS } from '../../electron/host/server.js';
import { serveRenderer } from '../../electron/main/protocol.js';
import { APP_ORIGIN, CSP as APP_CSP, SECURITY_HEADERS as APP_HEADERS } from '../../electron/main/security.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function parse(policy: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(m.has(name.toLowerCase()), `directive ${name} given twice`).toBe(false);
    m.set(name.toLowerCase(), sources);
  }
  return m;
}

/** The checks every policy passes; returns what it has to say, [] when sound. */
function problems(policy: string): string[] {
  const out: string[] = [];
  const d = parse(policy);
  if (/'unsafe-eval'|'wasm-unsafe-eval'|'unsafe-hashes'/i.test(policy)) out.push('allows eval');
  const scripts = d.get('script-src') ?? d.get('default-src');
  if (!scripts) out.push('no script-src nor default-src: scripts from anywhere');
  else if (scripts.join(' ') !== "'self'") out.push(`script-src is ${scripts.join(' ')}, not 'self' alone`);
  for (const k of ['script-src-elem', 'script-src-attr']) if (d.has(k)) out.push(`${k} widens scripts`);
  if (!d.get('default-src')?.every((s) => s === "'self'" || s === "'none'")) out.push('default-src is not self or none');
  if (d.get('object-src')?.join(' ') !== "'none'") out.push("object-src is not 'none'");
  if (d.get('base-uri')?.join(' ') !== "'none'") out.push("base-uri is not 'none'");
  for (const [k, sources] of d) {
    for (const s of sources) if (s === '*' || /^(https?|wss?|ftp):/i.test(s) || /^[a-z0-9.-]+\.[a-z]{2,}/i.test(s)) out.push(`${k} allows ${s}`);
  }
  return out;
}

function metaPolicy(html: string): string | null {
  return /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1] ?? null;
}

/** Inline scripts, handler attributes and javascript: URLs of a page. */
function inlineCode(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = m[1]!;
    if (!/\bsrc\s*=/.test(attrs)) out.push(`inline <script${attrs}>`);
    else if (m[2]!.trim() !== '') out.push(`<script${attrs}> with a body`);
    const src = /\bsrc\s*=\s*"([^"]*)"/.exec(attrs)?.[1] ?? '';
    if (/^(https?:|\/\/|data:|blob:)/i.test(src)) out.push(`script from ${src}`);
  }
  for (const m of html.matchAll(/<[a-z][^>]*\s(on[a-z]+)\s*=/gi)) out.push(`handler attribute ${m[1]}`);
  if (/javascript:/i.test(html)) out.push('a javascript: URL');
  if (/<script\b[^>]*type\s*=\s*"importmap"/i.test(html)) out.push('an import map');
  return out;
}

describe('the policies', () => {
  it('the app:// policy (security.ts) is sound and is what protocol.ts sends with every file', async () => {
    expect(problems(APP_CSP)).toEqual([]);
    expect(APP_HEADERS['Content-Security-Policy']).toBe(APP_CSP);
    const same = async (p: string) => p; // no links in this made-up folder
    const r = await serveRenderer('/app/out/renderer', { url: `${APP_ORIGIN}/index.html`, method: 'GET' }, async () => new TextEncoder().encode('<!doctype html>'), same);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toBe(APP_CSP);
    const missing = await serveRenderer(
      '/app/out/renderer',
      { url: `${APP_ORIGIN}/nope.js`, method: 'GET' },
      async () => {
        throw new Error('ENOENT');
      },
      same,
    );
    expect(missing.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(parse(APP_CSP).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('the browser host’s policy (server.ts) is sound', () => {
    expect(problems(HOST_CSP)).toEqual([]);
    expect(HOST_HEADERS['Content-Security-Policy']).toBe(HOST_CSP);
    expect(parse(HOST_CSP).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('the checks bite: eval, inline scripts, a CDN or no policy at all are refused', () => {
    expect(problems("default-src 'self'; script-src 'self' 'unsafe-eval'; object-src 'none'; base-uri 'none'")).toContain('allows eval');
    expect(problems("default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'")).toContain("script-src is 'self' 'unsafe-inline', not 'self' alone");
    expect(problems("default-src 'self'; script-src 'self' https://cdn.example.com; object-src 'none'; base-uri 'none'").length).toBeGreaterThan(0);
    expect(problems("img-src 'self'")).toContain('no script-src nor default-src: scripts from anywhere');
    expect(inlineCode('<script>alert(1)</script><img src=x onerror="alert(1)"><a href="javascript:alert(1)">')).toEqual(['inline <script>', 'handler attribute onerror', 'a javascript: URL']);
  });
});

describe('the pages', () => {
  const pages = readdirSync(join(ROOT, 'renderer')).filter((f) => f.endsWith('.html'));

  it('renderer/index.html carries the app’s policy in a <meta> (less frame-ancestors, which a <meta> cannot hold)', () => {
    const meta = metaPolicy(readFileSync(join(ROOT, 'renderer/index.html'), 'utf8'));
    expect(meta).not.toBeNull();
    expect(problems(meta!)).toEqual([]);
    expect(meta).toBe(
      APP_CSP.split('; ')
        .filter((d) => !d.startsWith('frame-ancestors'))
        .join('; '),
    );
  });

  it.each(pages)('renderer/%s has no inline script, handler attribute or javascript: URL, and a sound <meta> policy if any', (page) => {
    const html = readFileSync(join(ROOT, 'renderer', page), 'utf8');
    expect(inlineCode(html)).toEqual([]);
    const meta = metaPolicy(html);
    if (meta !== null) expect(problems(meta)).toEqual([]);
  });

  it('the renderer’s sources call no eval, new Function or string timers', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(e.name)) {
          const text = readFileSync(p, 'utf8');
          for (const re of [/(^|[^\w.])eval\s*\(/, /new\s+Function\s*\(/, /set(Timeout|Interval)\s*\(\s*['"`]/, /dangerouslySetInnerHTML/]) if (re.test(text)) found.push(`${p}: ${re}`);
        }
      }
    };
    walk(join(ROOT, 'renderer/src'));
    walk(join(ROOT, 'electron/preload'));
    expect(found).toEqual([]);
  });
});

describe('the built renderer', () => {
  const out = mkdtempSync(join(tmpdir(), 'tco-csp-build-'));
  let built: { status: number | null; stderr: string };
  beforeAll(() => {
    const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    const r = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    built = { status: r.status, stderr: r.stderr };
  }, 130_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('builds, and its pages load scripts from the app’s folder only, with the policy kept', () => {
    expect(built.status, built.stderr).toBe(0);
    const pages = readdirSync(out).filter((f) => f.endsWith('.html'));
    expect(pages).toContain('index.html');
    for (const page of pages) {
      const html = readFileSync(join(out, page), 'utf8');
      expect(inlineCode(html), page).toEqual([]);
      for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]*)"/g)) expect(m[1], page).toMatch(/^\.\/assets\/[\w.-]+\.js$/);
    }
    expect(metaPolicy(readFileSync(join(out, 'index.html'), 'utf8'))).toBe(metaPolicy(readFileSync(join(ROOT, 'renderer/index.html'), 'utf8')));
  });

  it('its scripts need no eval: no eval( and no new Function( anywhere in them', () => {
    const scripts = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const f of scripts) {
      const js = readFileSync(join(out, 'assets', f), 'utf8');
      expect(/(^|[^\w.$])eval\s*\(/.test(js), `${f} calls eval`).toBe(false);
      expect(/new\s+Function\s*\(/.test(js), `${f} calls new Function`).toBe(false);
    }
  });
});
