/**
 * The main window: its options, and its size and position, kept between sessions in a small JSON
 * file and brought back onto a visible display (a monitor unplugged since must not leave the window
 * off-screen); and the files named on a command line (a second instance, or the OS opening a file).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { webPreferences } from './security.js';
import { writeFileAtomic } from '../export/write-file.js';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

export const DEFAULT_STATE: WindowState = { bounds: { x: 80, y: 60, width: 1280, height: 820 }, maximized: false };
export const MIN_SIZE = { width: 720, height: 480 };

/** The main window: its size and place (already brought onto a display), hidden until painted. */
export function windowOptions(preload: string, bounds: Bounds): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Messaging TCO',
    webPreferences: webPreferences(preload),
  };
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The saved state, or the default when there is none or it is damaged. Given the displays' work
 * areas, the bounds are brought onto one of them.
 */
export function loadWindowState(file: string, workAreas?: readonly Bounds[]): WindowState {
  let state = DEFAULT_STATE;
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState> | null;
    const b = s?.bounds;
    if (b && finite(b.x) && finite(b.y) && finite(b.width) && finite(b.height) && b.width > 0 && b.height > 0) {
      state = { bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, maximized: s?.maximized === true };
    }
  } catch {
    // No file yet, or not ours: the default.
  }
  return workAreas ? { ...state, bounds: clampToDisplays(state.bounds, workAreas) } : state;
}

/** Write the state (whole or not at all: a temporary file renamed into place). Never throws. */
export function saveWindowState(file: string, state: WindowState): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify(state));
  } catch {
    // Losing the window's position is not worth an error dialog.
  }
}

/** How much of a window must lie on a display for it to count as visible (enough to grab its title bar). */
const GRIP = { x: 100, y: 40 };

/**
 * Keep a window on a display: unchanged when its top strip shows on one of the work areas (shrunk
 * to fit that display if larger); otherwise centred on the first display.
 */
export function clampToDisplays(b: Bounds, workAreas: readonly Bounds[]): Bounds {
  const width = Math.max(MIN_SIZE.width, Math.round(b.width));
  const height = Math.max(MIN_SIZE.height, Math.round(b.height));
  const x = Math.round(b.x);
  const y = Math.round(b.y);
  const on = workAreas.find((a) => x + GRIP.x <= a.x + a.width && x + width - GRIP.x >= a.x && y >= a.y && y + GRIP.y <= a.y + a.height);
  if (on) {
    const w = Math.min(width, on.width);
    const h = Math.min(height, on.height);
    if (w === width && h === height) return { x, y, width, height };
    // Shrunk to the display, it must also lie within it.
    return { x: Math.min(Math.max(x, on.x), on.x + on.width - w), y: Math.min(Math.max(y, on.y), on.y + on.height - h), width: w, height: h };
  }
  const a = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_STATE.bounds.width, height: DEFAULT_STATE.bounds.height };
  const w = Math.min(width, a.width);
  const h = Math.min(height, a.height);
  return { x: a.x + Math.round((a.width - w) / 2), y: a.y + Math.round((a.height - h) / 2), width: w, height: h };
}

const OPENABLE = /\.(tcows|json)$/i;

/**
 * Workspace files (.tcows) and workspace documents (.json) named on a command line that exist,
 * as absolute paths (relative ones are taken from `cwd`, the folder the command was run in).
 * Switches (`--…`) and the executable itself are skipped.
 */
export function filesFromArgv(argv: readonly string[], exists: (path: string) => boolean = existsSync, cwd: string = process.cwd()): string[] {
  const out: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || !OPENABLE.test(arg)) continue;
    const path = resolve(cwd, arg);
    if (exists(path) && !out.includes(path)) out.push(path);
  }
  return out;
}
