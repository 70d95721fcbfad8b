/**
 * The scheduler use case: find the sources that are due, move each one's nextPollAt forward with a
 * conditional update (two overlapping runs cannot both claim a source), and enqueue a PollRequest for
 * every source this run claimed. A crash between claim and enqueue delays that source by one interval;
 * it never makes a poll happen twice.
 */
import type { PollRequest } from '../domain/messages';
import type { Clock, MessageQueue } from '../domain/ports';
import type { SourceRepository } from './ports';

/** Bounded work per run (the scheduler runs every minute). */
export const MAX_SOURCES_PER_RUN = 500;

export interface SchedulePollsDeps {
  sources: SourceRepository;
  queue: MessageQueue<PollRequest>;
  clock: Clock;
}

export const scheduleDuePolls = async (
  deps: SchedulePollsDeps,
  limit = MAX_SOURCES_PER_RUN,
): Promise<{ due: number; enqueued: number }> => {
  const now = deps.clock.now();
  const due = await deps.sources.listDue(now, limit);
  const requests: PollRequest[] = [];
  for (const source of due) {
    const next = new Date(now.getTime() + source.pollIntervalMinutes * 60_000).toISOString();
    if (await deps.sources.claimDue(source, next)) {
      requests.push({ schoolId: source.schoolId, sourceId: source.sourceId, scheduledFor: source.nextPollAt });
    }
  }
  await deps.queue.send(requests);
  return { due: due.length, enqueued: requests.length };
};
