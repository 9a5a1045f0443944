/**
 * The app:// handler resolves symbolic links as the browser host does (issue 18): a link inside the
 * renderer's folder that points outside it (to /etc/passwd, or a file beside the folder) is not
 * served; a link to a file inside the folder is.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveRenderer } from '../../electron/main/protocol.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-links-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = join(dir, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(join(dir, 'secret.txt'), 'secret');
symlinkSync('/etc/passwd', join(root, 'passwd.txt'));
symlinkSync(join(dir, 'secret.txt'), join(root, 'assets', 'secret.js'));
symlinkSync(dir, join(root, 'up'));
symlinkSync(join(root, 'index.html'), join(root, 'home.html'));

describe('app:// and symbolic links', () => {
  it('a link pointing outside the folder is 404 (its target is never read); one inside is served', async () => {
    for (const url of ['app://tco/passwd.txt', 'app://tco/assets/secret.js', 'app://tco/up/secret.txt']) {
      const r = await serveRenderer(root, new Request(url));
      expect(r.status, url).toBe(404);
      expect(await r.text()).not.toContain('secret');
    }
    const inside = await serveRenderer(root, new Request('app://tco/home.html'));
    expect(inside.status).toBe(200);
    expect(await inside.text()).toContain('<title>t</title>');
  });

  it('the folder itself reached through a link is served as the folder', async () => {
    const linked = join(dir, 'linked-renderer');
    symlinkSync(root, linked);
    const r = await serveRenderer(linked, new Request('app://tco/index.html'));
    expect(r.status).toBe(200);
  });
});
