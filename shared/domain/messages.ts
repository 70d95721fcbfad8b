/** Shapes of the messages on each queue. Consumers validate with these schemas. */
import * as z from 'zod';
import { ClassificationSchema, MentionSchema } from './model';

/** poll queue: one source to poll now. */
export const PollRequestSchema = z.object({
  schoolId: z.string().min(1),
  sourceId: z.string().min(1),
  /** The nextPollAt the scheduler saw; lets the poller drop a stale duplicate request. */
  scheduledFor: z.iso.datetime({ offset: true }),
});
export type PollRequest = z.infer<typeof PollRequestSchema>;

/** mentions queue: a new mention to classify (the whole mention, text capped by ingestion). */
export const MentionMessageSchema = z.object({ mention: MentionSchema });
export type MentionMessage = z.infer<typeof MentionMessageSchema>;

/** alerts queue: a flagged mention, or any comment on an official account (which always gets a case). */
export const AlertMessageSchema = z.object({ mention: MentionSchema, classification: ClassificationSchema });
export type AlertMessage = z.infer<typeof AlertMessageSchema>;
