// `node scripts/make-icons.mjs`: the app's icon set in resources/ from the SVG below, drawn by
// Debian's Chromium (playwright-core; set CHROMIUM_PATH elsewhere): resources/icon.png (512×512,
// for macOS and Windows, which electron-builder converts) and resources/icons/<size>x<size>.png
// (Linux). The PNGs are committed; this is only needed to change the icon.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#1f7a8c"/>
      <stop offset="1" stop-color="#0b3c5d"/>
    </linearGradient>
  </defs>
  <rect x="16" y="16" width="480" height="480" rx="104" fill="url(#bg)"/>
  <path d="M112 120h288a40 40 0 0 1 40 40v168a40 40 0 0 1-40 40H236l-84 64v-64h-40a40 40 0 0 1-40-40V160a40 40 0 0 1 40-40z" fill="#ffffff"/>
  <rect x="150" y="262" width="48" height="68" rx="8" fill="#1f7a8c"/>
  <rect x="232" y="214" width="48" height="116" rx="8" fill="#1f7a8c"/>
  <rect x="314" y="160" width="48" height="170" rx="8" fill="#f2a541"/>
</svg>`;

const root = new URL('..', import.meta.url).pathname;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  mkdirSync(join(root, 'resources', 'icons'), { recursive: true });
  for (const size of [512, 256]) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${SVG}`);
    const png = join(root, 'resources', 'icons', `${size}x${size}.png`);
    await page.screenshot({ path: png, omitBackground: true });
    if (size === 512) await page.screenshot({ path: join(root, 'resources', 'icon.png'), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log('wrote resources/icon.png and resources/icons/512x512.png, 256x256.png');
