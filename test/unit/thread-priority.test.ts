/**
 * The analyses thread's lower priority (electron/services/thread-priority.ts): on Linux the thread
 * that asks gets nice 10 and the app's main thread keeps its own. Read back from /proc, where the
 * kernel shows each thread's nice value (the 19th field of its stat line).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/** The nice value of thread `tid` of this process (the fields after the command's closing parenthesis). */
const niceOf = (tid: number) => Number(readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);

describe("the analyses thread's priority", () => {
  it.runIf(process.platform === 'linux')('is lowered for the thread that asks, not for the main thread', async () => {
    const before = niceOf(process.pid);
    const tsx = createRequire(import.meta.url).resolve('tsx/cjs');
    const file = fileURLToPath(new URL('../../electron/services/thread-priority.ts', import.meta.url));
    const worker = new Worker(
      `require(${JSON.stringify(tsx)});
       const { parentPort } = require('node:worker_threads');
       const { readlinkSync } = require('node:fs');
       const lowered = require(${JSON.stringify(file)}).lowerThisThreadsPriority();
       parentPort.postMessage({ lowered, tid: Number(readlinkSync('/proc/thread-self').split('/').pop()) });
       parentPort.once('message', () => process.exit(0));`,
      { eval: true, execArgv: [] },
    );
    const { lowered, tid } = await new Promise<{ lowered: boolean; tid: number }>((ok) => worker.once('message', ok));
    expect(lowered).toBe(true);
    expect(niceOf(tid)).toBe(Math.min(19, before + 10));
    expect(niceOf(process.pid)).toBe(before);
    worker.postMessage('done');
    await new Promise((ok) => worker.once('exit', ok));
  });
});
