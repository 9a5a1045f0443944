/**
 * The analyses of open workspaces (uncertainty draws, sensitivity, break-even: on the 10 × 30 × 60
 * bench workspace 150 ms after a price edit, a second after a stream edit) on a worker thread, so
 * that a keystroke's edit and totals, on the main thread, never wait behind them.
 *
 * - The worker keeps each open workspace's document and engine cache. A document is posted to it
 *   only when it changed since the last one posted, and then as its changes from that one (the
 *   parts that are other objects: after a keystroke, one vendor), which the worker applies to its
 *   copy and reads where they changed (readDocumentFrom), as the main thread does with an edit.
 * - Per workspace at most one computation waits: a newer one supersedes it (CANCELLED), and an
 *   edit cancels it (its document is stale).
 * - The one being computed is stopped the same way, by a newer computation of its workspace or an
 *   edit (CANCELLED): the worker asks a shared flag between pieces of the engine's work (each
 *   vendor, each sensitivity input, every 256 draws: ComputeOptions.stop), so a keystroke does not
 *   share the machine's cores with analyses of a document it has made stale. What the stopped
 *   computation finished stays in the worker's cache.
 * - The worker is this file's sibling analyses-worker: the bundle's .js beside the main bundle, or
 *   under tsx and the tests the .ts source, loaded through tsx's require hook.
 * - If the worker cannot start or dies, `run` rejects with WorkerUnavailable and the caller
 *   computes on its own thread, as without a worker.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { WorkspaceDocument } from '../api/document.js';
import { documentChanges, type DocumentChanges } from '../api/document-changes.js';
import { OperationError, type ApiError } from '../api/errors.js';
import type { ComputeOptions } from '../engine/compute.js';
import type { ComputeJson } from '../engine/result-json.js';

export type AnalysesRequest =
  | {
      type: 'compute';
      id: number;
      key: string;
      /** The workspace's document whole: the first time, or when the thread does not hold the one before. */
      document?: WorkspaceDocument;
      /** Or its changes from the document posted before (document-changes.ts): an edit's vendor, not the other eleven. */
      changes?: DocumentChanges;
      options: ComputeOptions;
      monthly: boolean | undefined;
    }
  | { type: 'forget'; key: string };

/** `dropped`: the thread could not take the posted document and no longer holds one for the key (the next is posted whole). */
export type AnalysesReply = { id: number; ok: true; value: ComputeJson } | { id: number; ok: false; error: ApiError; dropped?: boolean };

/** What the worker is started with: the flag holding the id of the computation to stop. */
export interface AnalysesWorkerData {
  stop: SharedArrayBuffer;
}

/** The worker is not there (could not start, or died): compute on the caller's thread. */
export class WorkerUnavailable extends Error {}

export interface Analyses {
  run(key: string, document: WorkspaceDocument, options: ComputeOptions, monthly: boolean | undefined): Promise<ComputeJson>;
  /** The workspace was edited: its computations (and its scenarios', keyed `key` NUL id) are stale, waiting or under way. */
  supersede(key: string): void;
  /** The workspace was closed. */
  forget(key: string): void;
  /** Start the thread now rather than at the first computation (it takes a moment to load). */
  start(): void;
  close(): void;
}

interface Job {
  key: string;
  /** Why it was asked to stop, once it was (then a CANCELLED answer says so). */
  stopped?: string;
  document: WorkspaceDocument;
  options: ComputeOptions;
  monthly: boolean | undefined;
  resolve(v: ComputeJson): void;
  reject(e: Error): void;
}

/**
 * The young generation of the analyses thread's heap (V8's default is 48 MB with Node 20: 16 MB
 * semi-spaces). The first analyses of a large workspace re-meter every vendor in decimals for the
 * sensitivity, and half of what each scavenge finds is still alive, so it is copied again and again.
 * With 96 MB, measured on the 12 × 150 × 60 global RFP through the thread: the first analyses after
 * opening 3.9–5.2 s instead of 5.6–7.0 s, and the process's peak RSS 338–366 MB instead of
 * 423–455 MB (fewer objects promoted early to the old generation); 64 and 128 MB did less well.
 */
export const ANALYSES_YOUNG_GENERATION_MB = 96;

export function startWorker(workerData: AnalysesWorkerData = { stop: new SharedArrayBuffer(4) }): Worker {
  const here = import.meta.url;
  // Loaded with the first thread started, not by every `tco` command (~4 ms).
  const { Worker } = createRequire(here)('node:worker_threads') as typeof import('node:worker_threads');
  const resourceLimits = { maxYoungGenerationSizeMb: ANALYSES_YOUNG_GENERATION_MB };
  if (here.endsWith('.ts')) {
    // The sources (tsx, vitest): tsx's require hook compiles the worker and what it imports.
    const tsx = createRequire(here).resolve('tsx/cjs');
    const file = fileURLToPath(new URL('./analyses-worker.ts', here));
    // Its own options only: the parent's (--input-type=module, -e, tsx's loader) would change how it runs.
    return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(file)});`, { eval: true, execArgv: [], resourceLimits, workerData });
  }
  return new Worker(fileURLToPath(new URL('./analyses-worker.js', here)), { resourceLimits, workerData });
}

export function createAnalyses(): Analyses {
  let worker: Worker | null = null;
  let broken = false;
  let nextId = 1;
  /** Sent to the worker, by request id. */
  const running = new Map<number, Job>();
  /** Waiting for the worker, one a workspace (the worker computes one at a time). */
  const waiting = new Map<string, Job>();
  /** The document the worker holds for each workspace. */
  const posted = new Map<string, WorkspaceDocument>();
  /** The id of the computation the worker is to stop (0: none). */
  const stopFlag = new Int32Array(new SharedArrayBuffer(4));

  /** No thread from now on: what was sent or waiting fails with `why` (the caller computes it itself). */
  const fail = (why: () => Error, warning: string | null) => {
    if (warning && !broken) process.emitWarning(`${warning}: analyses are computed on the main thread from now on`, { code: 'TCO_ANALYSES_THREAD' });
    broken = true;
    worker = null;
    posted.clear();
    for (const job of [...running.values(), ...waiting.values()]) job.reject(why());
    running.clear();
    waiting.clear();
  };

  const ensure = (): Worker | null => {
    if (worker || broken) return worker;
    try {
      const w = startWorker({ stop: stopFlag.buffer as SharedArrayBuffer });
      w.unref();
      w.on('message', (reply: AnalysesReply) => {
        const job = running.get(reply.id);
        running.delete(reply.id);
        if (!reply.ok && reply.dropped && job) posted.delete(job.key);
        pump();
        if (!job) return;
        if (reply.ok) job.resolve(reply.value);
        else if (job.stopped && reply.error.code === 'CANCELLED') job.reject(new OperationError('CANCELLED', `compute: ${job.stopped}`));
        else job.reject(new OperationError(reply.error.code, reply.error.message, { path: reply.error.path, field: reply.error.field, file: reply.error.file }));
      });
      const gone = () => new WorkerUnavailable('the analyses thread stopped');
      w.on('error', (e) => fail(gone, `the analyses thread failed (${e.message})`));
      w.on('exit', (code) => {
        if (worker === w) fail(gone, `the analyses thread exited (${code})`);
      });
      worker = w;
    } catch (e) {
      fail(() => new WorkerUnavailable('no analyses thread'), `the analyses thread cannot start (${(e as Error).message})`);
    }
    return worker;
  };

  /** Hand the worker the next waiting computation when it is free. */
  const pump = () => {
    if (running.size > 0) return;
    const first = waiting.entries().next();
    if (first.done) return;
    const [key, job] = first.value;
    waiting.delete(key);
    const w = ensure();
    if (!w) return job.reject(new WorkerUnavailable('no analyses thread'));
    const id = nextId++;
    running.set(id, job);
    const before = posted.get(key);
    posted.set(key, job.document);
    const post = before === job.document ? {} : before === undefined ? { document: job.document } : { changes: documentChanges(before, job.document, 0) };
    w.postMessage({ type: 'compute', id, key, options: job.options, monthly: job.monthly, ...post } satisfies AnalysesRequest);
  };

  /**
   * The computations of `key` (with `family`, its scenarios' too) are dropped: a waiting one at
   * once, the one under way at the worker's next check (`why`, or `whyRunning` when it differs).
   */
  const cancel = (key: string, why: string, whyRunning = why, family = false) => {
    const ours = (k: string) => k === key || (family && k.startsWith(`${key}\u0000`));
    for (const [k, job] of [...waiting]) {
      if (!ours(k)) continue;
      waiting.delete(k);
      job.reject(new OperationError('CANCELLED', `compute: ${why}`));
    }
    for (const [id, job] of running) {
      if (!ours(job.key) || job.stopped) continue;
      job.stopped = whyRunning;
      Atomics.store(stopFlag, 0, id);
    }
  };

  return {
    run: (key, document, options, monthly) =>
      new Promise<ComputeJson>((resolve, reject) => {
        if (broken) return reject(new WorkerUnavailable('no analyses thread'));
        cancel(key, 'superseded by a newer computation of the same workspace');
        waiting.set(key, { key, document, options, monthly, resolve, reject });
        pump();
      }),
    supersede: (key) => cancel(key, 'the workspace was edited before it started', 'the workspace was edited while it was computed', true),
    forget: (key) => {
      cancel(key, 'the workspace was closed', undefined, true);
      if (posted.delete(key)) worker?.postMessage({ type: 'forget', key } satisfies AnalysesRequest);
    },
    start: () => void ensure(),
    close: () => {
      const w = worker;
      fail(() => new OperationError('CANCELLED', 'compute: the app is closing'), null);
      void w?.terminate();
    },
  };
}
