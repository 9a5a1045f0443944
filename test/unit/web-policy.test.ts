/**
 * Issue 15: one CSP and one table of content types for every door that serves the pages (the
 * desktop app's app:// handler, the browser host, the report printer); before, the host's policy
 * lacked worker-src and blob: images the app's allowed, and each door had its own MIME table.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP, META_CSP, MIME_TYPES, PRINT_CSP } from '../../electron/api/web-policy.js';
import { CSP as HOST_CSP, SECURITY_HEADERS as HOST_HEADERS } from '../../electron/host/server.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const metaCsp = (page: string) => /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(`${ROOT}renderer/${page}`, 'utf8'))?.[1];

describe('one web policy', () => {
  it('the pages carry the policy the doors send (less frame-ancestors, which a meta tag cannot hold)', () => {
    expect(metaCsp('index.html')).toBe(META_CSP);
    expect(metaCsp('report.html')).toBe(META_CSP);
    expect(CSP).toBe(`${META_CSP}; frame-ancestors 'none'`);
  });

  it('the host sends it; the printed report calls nothing', () => {
    expect(HOST_CSP).toBe(CSP);
    expect(HOST_HEADERS['Content-Security-Policy']).toBe(CSP);
    expect(PRINT_CSP).toContain("connect-src 'none'");
    expect(PRINT_CSP.replace("connect-src 'none'", "connect-src 'self'")).toBe(CSP);
  });

  it('every file the renderer build holds has a type', () => {
    for (const ext of ['.html', '.js', '.css', '.svg', '.png', '.woff2', '.json']) expect(MIME_TYPES[ext], ext).toBeTruthy();
    expect(MIME_TYPES['.js']).toBe('text/javascript; charset=utf-8');
  });
});
