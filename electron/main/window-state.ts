/** The window's size and position, kept between sessions and brought back onto a visible display. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Bounds { x: number; y: number; width: number; height: number }
export interface WindowState { bounds: Bounds; maximized: boolean }

export const DEFAULT_STATE: WindowState = { bounds: { x: 80, y: 60, width: 1280, height: 820 }, maximized: false };

export function loadWindowState(file: string): WindowState {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    const b = s.bounds;
    if (!b || ![b.x, b.y, b.width, b.height].every((v) => typeof v === 'number' && Number.isFinite(v))) return DEFAULT_STATE;
    return { bounds: b, maximized: s.maximized === true };
  } catch {
    return DEFAULT_STATE;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(state));
  } catch {
    // Losing the window position is not worth an error dialog.
  }
}

/** Keep a window at least partly on one of the displays' work areas; else centre it on the first. */
export function clampToDisplays(b: Bounds, workAreas: readonly Bounds[]): Bounds {
  const width = Math.max(640, Math.round(b.width));
  const height = Math.max(480, Math.round(b.height));
  const visible = workAreas.find((a) => b.x + 100 <= a.x + a.width && b.x + width - 100 >= a.x && b.y >= a.y && b.y + 40 <= a.y + a.height);
  if (visible) return { x: Math.round(b.x), y: Math.round(b.y), width: Math.min(width, visible.width), height: Math.min(height, visible.height) };
  const a = workAreas[0] ?? { x: 0, y: 0, width: 1280, height: 800 };
  const w = Math.min(width, a.width);
  const h = Math.min(height, a.height);
  return { x: a.x + Math.round((a.width - w) / 2), y: a.y + Math.round((a.height - h) / 2), width: w, height: h };
}

/** Workspace files and documents named on a command line (a second instance, or the OS opening a file). */
export function filesFromArgv(argv: readonly string[], exists: (p: string) => boolean): string[] {
  return argv.slice(1).filter((a) => !a.startsWith('-') && /\.(tcows|json)$/i.test(a) && exists(a));
}
