/**
 * The report printer of the command line and the browser host: Debian's Chromium driven by
 * playwright-core (no browser download) loads the built report page, hands it the payload
 * (`window.tcoReport.render`), and prints it to PDF.
 *
 * The page is served to Chromium by request interception on an origin that does not exist
 * (`http://report.tco.invalid`): files come from the built renderer folder (out/renderer by
 * default, built with vite first if it has no report.html, as `npm run web` builds the renderer);
 * every other request is refused, so the page reaches no network. Chromium runs headless with
 * the flags below; a browser is launched per report and closed after it.
 */
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportPageApi, ReportPayload, ReportPrinter } from '../api/report.js';
import { FOOTER_TEMPLATE, HEADER_TEMPLATE, MARGINS_MM } from './print-layout.js';
import { MIME_TYPES, PRINT_CSP } from '../api/web-policy.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEFAULT_REPORT_DIR = join(ROOT, 'out', 'renderer');
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/** Node's child processes and promised file reads, loaded when a report is printed (not by every `tco` command: ~7 ms). */
const childProcess = () => createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
const fsPromises = () => createRequire(import.meta.url)('node:fs/promises') as typeof import('node:fs/promises');
const BASE_ARGS = ['--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/**
 * Chromium keeps its sandbox wherever it can (issue 18): it is turned off only as root, where
 * Chromium refuses to start sandboxed, or (launchPrinter) when the sandbox cannot start here.
 */
export function keepsSandbox(uid: number | null = process.getuid?.() ?? null): boolean {
  return uid !== 0;
}

export function chromiumArgs(sandbox: boolean): string[] {
  return sandbox ? [...BASE_ARGS] : [BASE_ARGS[0]!, '--no-sandbox', ...BASE_ARGS.slice(1)];
}

/** Whether a failed launch was the sandbox failing to start (no user namespaces, no setuid helper). */
export function sandboxFailed(message: string): boolean {
  return /sandbox/i.test(message);
}

/** The flags of this process's launches: the sandbox kept unless running as root. */
export const CHROMIUM_ARGS = chromiumArgs(keepsSandbox());
const ORIGIN = 'http://report.tco.invalid';
const PAGE = 'report.html';

/** The report page's own CSP: its files only, nothing else (web-policy.ts). */
const CSP = PRINT_CSP;

const TYPES = MIME_TYPES;

export interface ChromiumPrinterOptions {
  /** Chromium's executable: default $CHROMIUM_PATH, else /usr/bin/chromium. */
  executablePath?: string;
  /** The built renderer (holding report.html): default out/renderer, built first when report.html is missing. */
  staticDir?: string;
  /** The locale numbers and dates are written in: default the process's (LANG). */
  locale?: string;
  /** One line about slow steps (building the page). */
  log?: (line: string) => void;
  /** Give up on one step (launch, load, draw, print) after this long; default 60 s. */
  timeoutMs?: number;
}

/** Build the renderer into `dir` with vite (both pages); resolves when report.html is there. */
function buildReportPage(dir: string, log?: (line: string) => void): Promise<void> {
  let vite: string;
  try {
    vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    return Promise.reject(
      new Error(`the report page is not built (no ${join(dir, PAGE)}) and vite is not installed to build it: run \`npm run build:renderer\` in a checkout with its dev dependencies`),
    );
  }
  log?.(`building the report page into ${dir} (vite build), once...`);
  return new Promise((done, fail) => {
    const child = childProcess().spawn(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (e) => fail(new Error(`could not run vite to build the report page: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0 && existsSync(join(dir, PAGE))) done();
      else fail(new Error(`could not build the report page (vite exited with ${code}): ${stderr.trim().split('\n').slice(0, 3).join(' ') || 'no message'}`));
    });
  });
}

/** The file under `root` a request names, or null (another origin, outside the folder). */
function fileFor(root: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.origin !== ORIGIN) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = resolve(join(root, path === '/' ? PAGE : path));
  return file.startsWith(root + sep) ? file : null;
}

export function chromiumPrinter(options: ChromiumPrinterOptions = {}): ReportPrinter {
  const staticDir = resolve(options.staticDir ?? DEFAULT_REPORT_DIR);
  const timeout = options.timeoutMs ?? 60_000;
  let ready: Promise<void> | null = null;
  const built = (): Promise<void> => {
    if (existsSync(join(staticDir, PAGE))) return Promise.resolve();
    ready ??= buildReportPage(staticDir, options.log).finally(() => {
      ready = null;
    });
    return ready;
  };

  return {
    async print(payload: ReportPayload): Promise<Uint8Array> {
      const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
      if (!existsSync(executablePath)) throw new Error(`Chromium is not at ${executablePath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
      await built();
      const root = realpathSync(staticDir);
      let chromium: typeof import('playwright-core').chromium;
      try {
        // Required (it is CommonJS), not import(): the command's bundle is a script run through V8's
        // code cache (scripts/code-cache.mjs), where import() has no loader to call.
        ({ chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core'));
      } catch (e) {
        throw new Error(`playwright-core, which drives Chromium to print the report, cannot be loaded (${(e as Error).message.split('\n')[0]}): run npm install`);
      }
      let browser;
      try {
        try {
          browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout });
        } catch (e) {
          // Sandboxed and the sandbox cannot start here: once more without it, and say so.
          if (!keepsSandbox() || !sandboxFailed((e as Error).message)) throw e;
          options.log?.(`Chromium's sandbox cannot start here (${(e as Error).message.split('\n')[0]}); the report is printed without it`);
          browser = await chromium.launch({ executablePath, args: chromiumArgs(false), timeout });
        }
      } catch (e) {
        throw new Error(`could not start Chromium (${executablePath}): ${(e as Error).message.split('\n')[0]}`);
      }
      try {
        const context = await browser.newContext({
          locale: options.locale ?? new Intl.NumberFormat().resolvedOptions().locale,
          colorScheme: 'light',
          viewport: { width: 794, height: 1123 },
          serviceWorkers: 'block',
        });
        await context.route('**/*', async (route) => {
          const file = fileFor(root, route.request().url());
          if (!file) return route.abort('blockedbyclient');
          let body: Buffer;
          try {
            body = await fsPromises().readFile(file);
          } catch {
            return route.fulfill({ status: 404, body: 'not found', contentType: 'text/plain' });
          }
          const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
          return route.fulfill({ status: 200, body, headers: { 'Content-Type': type, 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' } });
        });
        const page = await context.newPage();
        page.setDefaultTimeout(timeout);
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${ORIGIN}/${PAGE}`, { waitUntil: 'load', timeout });
        await page.waitForFunction(() => 'tcoReport' in globalThis, undefined, { timeout });
        try {
          await page.evaluate((p) => (globalThis as unknown as { tcoReport: ReportPageApi }).tcoReport.render(p), payload);
        } catch (e) {
          throw new Error(`the report page could not draw the report: ${(e as Error).message.split('\n')[0]}`);
        }
        if (errors.length) throw new Error(`the report page failed: ${errors[0]}`);
        const mm = (x: number) => `${x}mm`;
        const pdf = await page.pdf({
          format: 'A4',
          printBackground: true,
          margin: { top: mm(MARGINS_MM.top), right: mm(MARGINS_MM.right), bottom: mm(MARGINS_MM.bottom), left: mm(MARGINS_MM.left) },
          displayHeaderFooter: true,
          headerTemplate: HEADER_TEMPLATE,
          footerTemplate: FOOTER_TEMPLATE,
          outline: true,
          tagged: true,
        });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } finally {
        await browser.close().catch(() => undefined);
      }
    },
  };
}
