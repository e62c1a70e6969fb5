/**
 * Reading with every core. Reading and analysing the files is nearly all of a CLI run, and each
 * file is independent: worker threads and the main thread take files from one shared counter
 * (so a thread that starts late, or gets long files, simply takes fewer), each adds what it reads
 * to its own coverage accumulator, and the workers' accumulators are merged into the main one at
 * the end. The view sorts by path, so the output is the same byte for byte as a one-thread run.
 */
import { availableParallelism } from 'node:os';
import type * as WorkerThreads from 'node:worker_threads';
import { CoverageAccumulator, type CoverageSnapshot, type EvidenceDocument } from '../core/coverage';
import { coverageOfFile, loadProject, sortWarnings, takeEvidenceFileSync, type FileWarning, type LoadProjectOptions, type Project } from '../core/project';
import { NodeWorkspace } from './nodeWorkspace';

/**
 * From this many files a second thread pays. Measured on 2 cores: 20,000 files 3.8 s with one
 * thread, 2.7 s with two; 2,000 files no faster with two (each thread's V8 spends its first few
 * hundred files compiling the reader, and on 2 cores the two compilers and readers compete).
 */
export const PARALLEL_MIN_FILES = 3000;

/**
 * node:worker_threads, loaded when a run reads with threads (loading it costs ~3 ms of every run's
 * start, most of which read with one thread).
 */
const workerThreads = (): typeof WorkerThreads => require('node:worker_threads');

/** In the arguments of every reading thread, so a run knows it is one without loading worker_threads. */
const WORKER_ARG = '--ksb-evidence-reading-thread';

/** Threads used by default: two keeps memory under 200 MB on 20,000 files (each thread has its own heap). */
const DEFAULT_MAX_THREADS = 2;

interface WorkerInput {
  ksbEvidenceWorker: true;
  root: string;
  load: LoadProjectOptions;
  paths: string[];
  counter: SharedArrayBuffer;
}

interface WorkerOutput {
  snapshot?: CoverageSnapshot;
  warnings: FileWarning[];
  error?: string;
}

/** Files taken from the shared counter a few at a time: fewer atomic operations, still balanced. */
const BATCH = 4;

/**
 * Reads and analyses files by index from the shared counter until none are left. Synchronous: the
 * files are read with readFileSync's kin, and a CLI thread has nothing else to do meanwhile.
 */
function drain(root: string, project: Project, paths: string[], counter: Int32Array, acc: CoverageAccumulator, warnings: FileWarning[]): void {
  const workspace = new NodeWorkspace(root);
  const read = (p: string) => workspace.readFileReused(p);
  const add = (d: EvidenceDocument) => acc.add(d);
  const analyze = (pr: Project, path: string, bytes: Uint8Array) => coverageOfFile(pr, path, bytes, acc);
  for (;;) {
    const first = Atomics.add(counter, 0, BATCH);
    if (first >= paths.length) return;
    // one file at a time, so the workspace's reused buffer can hold it
    for (let i = first; i < first + BATCH && i < paths.length; i++) takeEvidenceFileSync(project, paths[i], read, add, warnings, analyze);
  }
}

/** Reads `paths` into `acc` in this thread alone; returns the warnings of files that could not be read as evidence. */
export function readInThisThread(root: string, project: Project, paths: string[], acc: CoverageAccumulator): FileWarning[] {
  const warnings: FileWarning[] = [];
  drain(root, project, paths, new Int32Array(1), acc, warnings);
  return sortWarnings(warnings);
}

/** How many threads to read with: `--threads`, else two from PARALLEL_MIN_FILES files when there are two cores. */
export function threadCount(requested: number | undefined, files: number, cores = availableParallelism()): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, files));
  if (files < PARALLEL_MIN_FILES) return 1;
  return Math.max(1, Math.min(cores, DEFAULT_MAX_THREADS));
}

/**
 * Reads `paths` into `acc` with `threads` threads (this one included); returns the warnings of
 * files that could not be read as evidence. `script` is the bundled CLI, which each worker runs.
 */
export async function readInParallel(
  script: string,
  root: string,
  load: LoadProjectOptions,
  project: Project,
  paths: string[],
  acc: CoverageAccumulator,
  threads: number,
): Promise<FileWarning[]> {
  const counter = new SharedArrayBuffer(4);
  const warnings: FileWarning[] = [];
  const input: WorkerInput = { ksbEvidenceWorker: true, root, load, paths, counter };
  const results = Array.from(
    { length: threads - 1 },
    () =>
      new Promise<WorkerOutput>((resolve) => {
        // A smaller young generation than the default for the worker: its peak memory is what
        // keeps a run under 200 MB (20,000 files: 184-190 MB -> 173-182 MB, time no worse).
        const worker = new (workerThreads().Worker)(script, { argv: [WORKER_ARG], workerData: input, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
        let done = false;
        worker.once('message', (m: WorkerOutput) => {
          done = true;
          resolve(m);
        });
        worker.once('error', (e) => {
          done = true;
          resolve({ warnings: [], error: e.message });
        });
        worker.once('exit', (code) => {
          if (!done) resolve({ warnings: [], error: `a reading thread stopped (exit code ${code})` });
        });
      }),
  );
  drain(root, project, paths, new Int32Array(counter), acc, warnings);
  for (const r of await Promise.all(results)) {
    // A worker that failed may have taken files it did not finish: the caller reads everything
    // again with one thread rather than print a partial count.
    if (r.error !== undefined) throw new Error(`a reading thread failed (${r.error})`);
    acc.merge(r.snapshot!);
    warnings.push(...r.warnings);
  }
  return sortWarnings(warnings);
}

/** The worker side: load the same project, read from the shared counter, send back what was gathered. */
async function runWorker(input: WorkerInput): Promise<void> {
  const warnings: FileWarning[] = [];
  try {
    const project = await loadProject(new NodeWorkspace(input.root), input.load);
    const acc = new CoverageAccumulator(project.standard);
    drain(input.root, project, input.paths, new Int32Array(input.counter), acc, warnings);
    const snapshot = acc.snapshot();
    workerThreads().parentPort!.postMessage({ snapshot, warnings } satisfies WorkerOutput, [...snapshot.evFile, ...snapshot.evLine].map((a) => a.buffer as ArrayBuffer).filter((b, i, all) => all.indexOf(b) === i));
  } catch (e) {
    workerThreads().parentPort!.postMessage({ warnings, error: (e as Error).message } satisfies WorkerOutput);
  }
}

/** True (and the worker started) when this thread is one of readInParallel's workers. */
export function startWorkerIfAsked(): boolean {
  if (!process.argv.includes(WORKER_ARG)) return false;
  const { isMainThread, workerData } = workerThreads();
  if (isMainThread || !(workerData as WorkerInput | undefined)?.ksbEvidenceWorker) return false;
  void runWorker(workerData as WorkerInput);
  return true;
}
