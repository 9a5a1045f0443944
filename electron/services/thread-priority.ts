/**
 * The analyses thread runs at a lower scheduling priority than the rest of the app: its draws,
 * sensitivity and break-even search take 0.1 to 1 s of a core, and on a machine with few cores a
 * keystroke's edit (the main thread) and the window drawing its answer must not wait behind them.
 *
 * Linux gives each thread its own nice value: setpriority on the thread's id lowers this thread
 * only. Elsewhere a priority is the whole process's, so nothing is changed there.
 */
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';

/** Lower the calling thread's priority (a worker thread, on Linux); whether it was lowered. */
export function lowerThisThreadsPriority(): boolean {
  if (process.platform !== 'linux' || isMainThread) return false;
  try {
    // "<pid>/task/<tid>": the thread this code runs on.
    const tid = Number(/\/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
    if (!Number.isInteger(tid) || tid === process.pid) return false;
    setPriority(tid, constants.priority.PRIORITY_BELOW_NORMAL);
    return true;
  } catch {
    // No /proc, or not allowed: the thread keeps the app's priority.
    return false;
  }
}
