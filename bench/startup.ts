/**
 * Start-up of the local stack: emulators + table and queues + HTTP gateway (what `npm start` does
 * before the demo is seeded), measured over several runs in this one process.
 */
import { performance } from 'node:perf_hooks';
import { LocalRuntime } from '../infra/local/runtime';

const RUNS = 5;
const timings: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  const runtime = await LocalRuntime.start();
  timings.push(performance.now() - started);
  await runtime.stop();
}
timings.sort((a, b) => a - b);
const median = timings[Math.floor(timings.length / 2)]!;
console.log(`local stack start-up (emulators + table + 6 queues + gateway), ${RUNS} runs:`);
console.log(`  first ${timings[0]!.toFixed(0)} ms … median ${median.toFixed(0)} ms … worst ${timings.at(-1)!.toFixed(0)} ms`);
