import type { QueueName } from '../../shared/platform/resources';
import type { LocalRuntime } from './runtime';

const STAGES: readonly QueueName[] = ['poll', 'mentions', 'alerts'];

export interface CycleResult {
  /** Poll requests the scheduler enqueued. */
  sourcesPolled: number;
  /** Records left undelivered when the time limit ran out (failures waiting out their visibility timeout). */
  leftInQueues: number;
}

/**
 * One full cycle, each stage drained before the next — the order a mention travels in:
 * schedule polls → poll → classify → notify (cases + immediate emails) → digests → SLA check.
 */
export const runCycle = async (runtime: LocalRuntime, at: Date = new Date(), limitMs = 60_000): Promise<CycleResult> => {
  const scheduled = (await runtime.invokeScheduled('schedule-polls', at)) as { enqueued?: number } | undefined;
  const deadline = Date.now() + limitMs;
  let leftInQueues = 0;
  for (const queue of STAGES) {
    const source = runtime.eventSource(queue);
    let depth = 0;
    while (Date.now() < deadline) {
      await source.drainVisible();
      depth = await source.depth();
      if (depth === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    leftInQueues += depth;
  }
  await runtime.invokeScheduled('send-digests', at);
  await runtime.invokeScheduled('sla-monitor', at);
  return { sourcesPolled: scheduled?.enqueued ?? 0, leftInQueues };
};
