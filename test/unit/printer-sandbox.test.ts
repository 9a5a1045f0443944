/**
 * The report printer keeps Chromium's sandbox wherever it runs unprivileged (issue 18): --no-sandbox
 * only as root (where Chromium will not start sandboxed) or after a launch the sandbox failed.
 */
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumArgs, keepsSandbox, sandboxFailed } from '../../electron/export/chromium-printer.js';

describe("the report printer's Chromium flags", () => {
  it('an ordinary user keeps the sandbox; root runs without it', () => {
    expect(keepsSandbox(1000)).toBe(true);
    expect(chromiumArgs(keepsSandbox(1000))).not.toContain('--no-sandbox');
    expect(keepsSandbox(0)).toBe(false);
    expect(chromiumArgs(keepsSandbox(0))).toContain('--no-sandbox');
    // Windows has no uid: the sandbox is kept.
    expect(keepsSandbox(null)).toBe(true);
  });

  it("this process's flags follow its own user", () => {
    expect(CHROMIUM_ARGS.includes('--no-sandbox')).toBe(process.getuid?.() === 0);
    expect(chromiumArgs(true)).toEqual(['--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']);
  });

  it('a launch that failed on the sandbox is told from other failures (then it is tried once without)', () => {
    expect(sandboxFailed('No usable sandbox! Update your kernel or see https://chromium.googlesource.com/chromium/src/+/main/docs/linux/suid_sandbox_development.md')).toBe(true);
    expect(sandboxFailed('spawn /usr/bin/chromium ENOENT')).toBe(false);
  });
});
