/**
 * `npm run train -- --jobs N`: the leave-one-file-out folds split over N worker processes
 * (fold-worker.ts), one per core. The merged out-of-fold probabilities are the same numbers the
 * single-process run computes, so the model file is the same.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabelledExample } from './labelled-examples';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fold-worker.ts');

const runWorker = (shard: number, of: number, out: string): Promise<void> =>
  new Promise((resolve, reject) => {
    // process.execArgv carries tsx's loader flags, so the worker runs TypeScript as this process does.
    const child = spawn(process.execPath, [...process.execArgv, WORKER, String(shard), String(of), out], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`fold worker ${shard}/${of} failed (${signal ?? `exit ${code}`})`))));
  });

/** Whether saved out-of-fold ids belong to exactly these examples, in this order. */
export const sameExamples = (ids: readonly string[], examples: readonly LabelledExample[]): boolean =>
  ids.length === examples.length && ids.every((id, i) => id === examples[i]!.id);

export const outOfFoldInWorkers = async (examples: readonly LabelledExample[], jobs: number): Promise<Float64Array[]> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smm-folds-'));
  try {
    const outs = Array.from({ length: jobs }, (_, k) => path.join(dir, `shard-${k}.json`));
    await Promise.all(outs.map((out, k) => runWorker(k, jobs, out)));
    const merged: (Float64Array | undefined)[] = examples.map(() => undefined);
    for (const out of outs) {
      const part = JSON.parse(readFileSync(out, 'utf8')) as { ids: string[]; probabilities: (number[] | null)[] };
      if (!sameExamples(part.ids, examples)) {
        throw new Error(`${out}: a fold worker read other labelled data (were files changed during training?)`);
      }
      part.probabilities.forEach((p, i) => {
        if (p === null) return;
        if (merged[i]) throw new Error(`two fold workers scored ${examples[i]!.id}`);
        merged[i] = Float64Array.from(p);
      });
    }
    const missing = merged.findIndex((p) => !p);
    if (missing >= 0) throw new Error(`no fold worker scored ${examples[missing]!.id}`);
    return merged as Float64Array[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
