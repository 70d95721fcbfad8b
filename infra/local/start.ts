/**
 * `npm start`: the whole pipeline on this machine. Emulators, the demo school, its sample feeds and
 * official-account comments on 127.0.0.1, and the real handlers driven as AWS drives them.
 *   npm start             runs until Ctrl-C, printing what happens as it happens
 *   npm start -- --once   one full cycle (poll → classify → queue → email → SLA check), then a JSON summary
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { describeError } from '../../shared/platform/errors';
import { DEMO_ENVIRONMENT, DEMO_SCHOOL_ID, seedDemo } from './demo';
import { LocalRuntime } from './runtime';
import { Observer } from './observer';
import { Timeline } from './timeline';
import { runCycle } from './cycle';
import { removeStackFile, writeStackFile } from './stack-file';

const main = async (): Promise<number> => {
  const { values } = parseArgs({ options: { once: { type: 'boolean', default: false } }, strict: true });
  const started = performance.now();
  const failures: string[] = [];
  const runtime = await LocalRuntime.start({
    env: DEMO_ENVIRONMENT,
    onBatch: (queue, outcome) => {
      if (outcome.error) failures.push(`${queue} queue: ${describeError(outcome.error)}`);
    },
  });
  const demo = await seedDemo(runtime);
  const observer = new Observer(runtime.emulators, runtime.provisioned.tableName);
  const startupMs = performance.now() - started;
  const timeline = new Timeline(observer, demo, DEMO_SCHOOL_ID);

  const shutdown = async () => {
    removeStackFile();
    timeline.stop();
    observer.close();
    await demo.fixtures.stop();
    await runtime.stop();
  };

  if (values.once) {
    const cycle = await runCycle(runtime);
    for (const failure of failures) process.stderr.write(`error: ${failure}\n`);
    if (cycle.leftInQueues > 0) {
      process.stderr.write(`warning: ${cycle.leftInQueues} message(s) failed and wait for redelivery (see the errors above)\n`);
    }
    await timeline.flush(false);
    const mentions = await observer.mentions(DEMO_SCHOOL_ID);
    const cases = await observer.cases(DEMO_SCHOOL_ID);
    const emails = await observer.emails();
    await shutdown();
    process.stdout.write(
      `${JSON.stringify({
        sources: cycle.sourcesPolled,
        mentions: mentions.length,
        flagged: mentions.filter((m) => m.flagged).length,
        cases: cases.length,
        emails: emails.length,
      })}\n`,
    );
    return 0;
  }

  writeStackFile(runtime.env);
  timeline.header(startupMs, runtime.emulators.mailboxUrl, runtime.gateway.baseUrl);
  runtime.startContinuous((where, error) => timeline.error(where, describeError(error)));
  timeline.start();
  await runtime.invokeScheduled('schedule-polls');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await shutdown();
  return 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${describeError(error)}\n`);
    process.exit(1);
  },
);
