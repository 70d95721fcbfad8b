/**
 * The response deadline (Ashgrove and Alumnis "Monitoring": comments, queries and complaints are
 * answered within 24 hours, or on the next working day if received at a weekend).
 *
 * - Received on a working day (local date in the school's zone): due `responseHours` elapsed hours
 *   after receipt, even when that lands on a weekend: a Friday 10:00 receipt is due Saturday 10:00.
 *   Elapsed hours, not wall-clock: across a clock change the local time of day shifts by one hour.
 * - Received on a non-working day (weekend, England-and-Wales bank holiday, school closure day): due
 *   at `endOfWorkingDay` (17:00 by default) local time on the next working day.
 */
import { DateTime, IANAZone } from 'luxon';
import type { SlaSettings } from '../domain/model';
import { ValidationError } from '../platform/errors';
import { calendarCovers, WorkingCalendar } from './working-calendar';

/** A school with no working day in a whole year is misconfigured; also bounds the search loop. */
const MAX_DAYS_TO_NEXT_WORKING_DAY = 366;

export interface DeadlineInput {
  receivedAt: Date;
  timeZone: string;
  sla: Pick<SlaSettings, 'responseHours' | 'endOfWorkingDay' | 'workingWeekdays' | 'closureDays'>;
}

export interface ResponseDeadline {
  dueAt: Date;
  rule: 'hours_after_receipt' | 'end_of_next_working_day';
  /** One sentence for emails and the CLI, e.g. "received on a Saturday: due at the end of the next working day". */
  reason: string;
  /** False when the receipt or due date falls outside the shipped bank-holiday years. */
  calendarCovered: boolean;
}

export const assertTimeZone = (timeZone: string): void => {
  if (!IANAZone.isValidZone(timeZone)) throw new ValidationError(`Unknown time zone "${timeZone}"`);
};

const parseLocalTime = (hhmm: string): { hour: number; minute: number } => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new ValidationError(`endOfWorkingDay must be HH:MM, got "${hhmm}"`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
};

export const computeResponseDeadline = ({ receivedAt, timeZone, sla }: DeadlineInput): ResponseDeadline => {
  assertTimeZone(timeZone);
  const received = DateTime.fromJSDate(receivedAt, { zone: timeZone });
  if (!received.isValid) throw new ValidationError('receivedAt is not a valid instant');
  const calendar = new WorkingCalendar(sla);

  const whyNot = calendar.whyNotWorking(received);
  if (whyNot === null) {
    const due = received.plus({ hours: sla.responseHours });
    return {
      dueAt: due.toJSDate(),
      rule: 'hours_after_receipt',
      reason: `received on a working day: due ${sla.responseHours} hours after receipt`,
      calendarCovered: calendarCovers(received.year) && calendarCovers(due.year),
    };
  }

  const { hour, minute } = parseLocalTime(sla.endOfWorkingDay);
  let day = received.startOf('day');
  for (let step = 0; step < MAX_DAYS_TO_NEXT_WORKING_DAY; step += 1) {
    day = day.plus({ days: 1 });
    if (calendar.isWorkingDay(day)) {
      const due = day.set({ hour, minute, second: 0, millisecond: 0 });
      return {
        dueAt: due.toJSDate(),
        rule: 'end_of_next_working_day',
        reason: `received on ${whyNot}: due at ${sla.endOfWorkingDay} on the next working day`,
        calendarCovered: calendarCovers(received.year) && calendarCovers(due.year),
      };
    }
  }
  throw new ValidationError(
    `No working day within ${MAX_DAYS_TO_NEXT_WORKING_DAY} days of ${received.toISODate()}: check workingWeekdays and closureDays`,
  );
};

/** When the reminder is due: `reminderAtShare` of the way from receipt to the deadline. */
export const reminderTime = (receivedAt: Date, dueAt: Date, reminderAtShare: number): Date =>
  new Date(receivedAt.getTime() + Math.round((dueAt.getTime() - receivedAt.getTime()) * reminderAtShare));

/**
 * Which escalation round is due at `now` for an overdue case: 0 at the deadline, then one more every
 * `repeatMinutes`. Null before the deadline.
 */
export const escalationRound = (dueAt: Date, now: Date, repeatMinutes: number): number | null => {
  const late = now.getTime() - dueAt.getTime();
  if (late < 0) return null;
  return Math.floor(late / (repeatMinutes * 60_000));
};

/** A deadline in the school's local time for people, e.g. "Monday 30 March 2026, 17:00 BST". */
export const formatLocal = (instant: Date, timeZone: string): string =>
  DateTime.fromJSDate(instant, { zone: timeZone }).setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm ZZZZ');
