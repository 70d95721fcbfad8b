/**
 * Start-up of the local stack, two ways:
 *  - whole command: `npm start` (tsx compile, module loading, emulators, table and queues, gateway,
 *    demo seeding) until it prints the mailbox URL, i.e. until it is ready;
 *  - in-process: LocalRuntime.start() alone, once modules are loaded.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalRuntime } from '../infra/local/runtime';

const RUNS = 5;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const timeToReady = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('npm start did not become ready within 60 s'));
    }, 60_000);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('mailbox:')) {
        clearTimeout(timer);
        const elapsed = performance.now() - started;
        child.once('exit', () => resolve(elapsed));
        child.kill('SIGINT');
      }
    });
  });

const summary = (label: string, timings: number[]) => {
  const sorted = [...timings].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(`${label}: best ${sorted[0]!.toFixed(0)} ms, median ${median.toFixed(0)} ms, worst ${sorted.at(-1)!.toFixed(0)} ms (${timings.length} runs)`);
};

const whole: number[] = [];
for (let i = 0; i < RUNS; i++) whole.push(await timeToReady());
summary('npm start, process start → ready (mailbox URL printed)', whole);

const inProcess: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  const runtime = await LocalRuntime.start();
  inProcess.push(performance.now() - started);
  await runtime.stop();
}
summary('LocalRuntime.start() in-process (emulators + table + 6 queues + gateway)', inProcess);
