import { describe, expect, it } from 'vitest';
import { SlaSettingsSchema } from '../../../shared/domain/model';
import { computeResponseDeadline, escalationRound, reminderTime } from '../../../shared/cases/deadline';
import { ValidationError } from '../../../shared/platform/errors';

const defaults = SlaSettingsSchema.parse({});
const due = (receivedAt: string, sla: Partial<typeof defaults> = {}, timeZone = 'Europe/London'): string =>
  computeResponseDeadline({ receivedAt: new Date(receivedAt), timeZone, sla: { ...defaults, ...sla } }).dueAt.toISOString();

describe('computeResponseDeadline: working days and weekends', () => {
  it('a comment received on Saturday evening is due at 17:00 on Monday', () => {
    expect(due('2026-03-21T19:30:00Z')).toBe('2026-03-23T17:00:00.000Z');
  });

  it('a comment received on Friday at 10:00 is due on Saturday at 10:00 (24 hours, even onto a weekend)', () => {
    expect(due('2026-03-20T10:00:00Z')).toBe('2026-03-21T10:00:00.000Z');
  });

  it('a comment received on Sunday is due at 17:00 on Monday', () => {
    expect(due('2026-03-22T08:15:00Z')).toBe('2026-03-23T17:00:00.000Z');
  });

  it('a comment received late on a working day is due 24 hours later', () => {
    expect(due('2026-03-19T23:00:00Z')).toBe('2026-03-20T23:00:00.000Z');
  });

  it('uses the local date: 23:30 UTC on a Friday in summer is Saturday 00:30 in London, so due Monday 17:00 BST', () => {
    expect(due('2026-06-19T23:30:00Z')).toBe('2026-06-22T16:00:00.000Z');
  });

  it('honours a configured closure day after a weekend', () => {
    expect(due('2026-03-21T12:00:00Z', { closureDays: ['2026-03-23'] })).toBe('2026-03-24T17:00:00.000Z');
  });

  it('honours a configured end of day and response window', () => {
    expect(due('2026-03-21T12:00:00Z', { endOfWorkingDay: '15:30' })).toBe('2026-03-23T15:30:00.000Z');
    expect(due('2026-03-18T09:00:00Z', { responseHours: 48 })).toBe('2026-03-20T09:00:00.000Z');
  });

  it('works in another zone: a Saturday in New York is due Monday 17:00 EDT', () => {
    expect(due('2026-06-20T15:00:00Z', {}, 'America/New_York')).toBe('2026-06-22T21:00:00.000Z');
  });

  it('refuses an unknown time zone and a week with no working day', () => {
    expect(() => due('2026-03-21T12:00:00Z', {}, 'Mars/Olympus')).toThrow(ValidationError);
    const everyDayClosed = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2026, 2, 21 + i)).toISOString().slice(0, 10));
    expect(() => due('2026-03-21T12:00:00Z', { closureDays: everyDayClosed })).toThrow(/No working day/);
  });
});

describe('computeResponseDeadline: bank holidays', () => {
  it('a comment received on Good Friday 2026 is due at 17:00 BST on the Tuesday after Easter Monday', () => {
    expect(due('2026-04-03T09:00:00Z')).toBe('2026-04-07T16:00:00.000Z');
  });

  it('a comment received on Maundy Thursday is due 24 hours later, on Good Friday', () => {
    expect(due('2026-04-02T13:00:00Z')).toBe('2026-04-03T13:00:00.000Z');
  });

  it('Easter 2027: a Saturday receipt skips Easter Monday (29 March) and is due Tuesday 30 March 17:00 BST', () => {
    expect(due('2027-03-27T10:00:00Z')).toBe('2027-03-30T16:00:00.000Z');
  });

  it('Christmas 2026: Boxing Day falls on Saturday, so Monday 28 December is the substitute; due Tuesday 29th', () => {
    expect(due('2026-12-25T11:00:00Z')).toBe('2026-12-29T17:00:00.000Z');
  });

  it('Christmas 2027: both days fall at the weekend, substitutes on 27 and 28 December; due Wednesday 29th', () => {
    expect(due('2027-12-25T11:00:00Z')).toBe('2027-12-29T17:00:00.000Z');
    expect(due('2027-12-27T09:00:00Z')).toBe('2027-12-29T17:00:00.000Z');
  });

  it('a Christmas Eve 2027 (Friday) receipt is due 24 hours later, on Christmas Day', () => {
    expect(due('2027-12-24T12:00:00Z')).toBe('2027-12-25T12:00:00.000Z');
  });

  it("New Year's Day 2028 is a Saturday: the substitute is Monday 3 January, so due Tuesday 4th", () => {
    expect(due('2028-01-01T10:00:00Z')).toBe('2028-01-04T17:00:00.000Z');
  });
});

describe('computeResponseDeadline: clock changes (Europe/London)', () => {
  // Spring 2026: clocks go forward at 01:00 UTC on Sunday 29 March.
  it('March: Saturday night before the change is due Monday 17:00 BST (16:00 UTC)', () => {
    expect(due('2026-03-28T23:30:00Z')).toBe('2026-03-30T16:00:00.000Z');
  });

  it('March: Sunday 00:30 GMT (before) and 02:30 BST (after) are both due Monday 17:00 BST', () => {
    expect(due('2026-03-29T00:30:00Z')).toBe('2026-03-30T16:00:00.000Z');
    expect(due('2026-03-29T01:30:00Z')).toBe('2026-03-30T16:00:00.000Z');
  });

  it('March: Friday before and Monday after are 24 elapsed hours', () => {
    expect(due('2026-03-27T10:00:00Z')).toBe('2026-03-28T10:00:00.000Z');
    expect(due('2026-03-30T08:00:00Z')).toBe('2026-03-31T08:00:00.000Z');
  });

  it('March: across the change, 24 elapsed hours is 13:00 BST the next day for a Saturday-working school', () => {
    expect(due('2026-03-28T12:00:00Z', { workingWeekdays: [1, 2, 3, 4, 5, 6] })).toBe('2026-03-29T12:00:00.000Z');
  });

  // Autumn 2026: clocks go back at 01:00 UTC on Sunday 25 October.
  it('October: Friday 18:00 BST is due Saturday 18:00 BST', () => {
    expect(due('2026-10-23T17:00:00Z')).toBe('2026-10-24T17:00:00.000Z');
  });

  it('October: Friday 23:30 UTC is Saturday 00:30 BST, so due Monday 17:00 GMT', () => {
    expect(due('2026-10-23T23:30:00Z')).toBe('2026-10-26T17:00:00.000Z');
  });

  it('October: both 01:30s on Sunday 25th (BST then GMT) are due Monday 17:00 GMT', () => {
    expect(due('2026-10-25T00:30:00Z')).toBe('2026-10-26T17:00:00.000Z');
    expect(due('2026-10-25T01:30:00Z')).toBe('2026-10-26T17:00:00.000Z');
  });

  it('October: across the change, 24 elapsed hours is 11:00 GMT the next day for a Saturday-working school', () => {
    expect(due('2026-10-24T11:00:00Z', { workingWeekdays: [1, 2, 3, 4, 5, 6] })).toBe('2026-10-25T11:00:00.000Z');
  });
});

describe('reminder and escalation timing', () => {
  it('the reminder falls at the configured share of the window', () => {
    const received = new Date('2026-03-20T10:00:00Z');
    const dueAt = new Date('2026-03-21T10:00:00Z');
    expect(reminderTime(received, dueAt, 0.75).toISOString()).toBe('2026-03-21T04:00:00.000Z');
  });

  it('escalation rounds start at the deadline and step every repeat interval', () => {
    const dueAt = new Date('2026-03-21T10:00:00Z');
    expect(escalationRound(dueAt, new Date('2026-03-21T09:59:59Z'), 240)).toBeNull();
    expect(escalationRound(dueAt, new Date('2026-03-21T10:00:00Z'), 240)).toBe(0);
    expect(escalationRound(dueAt, new Date('2026-03-21T13:59:00Z'), 240)).toBe(0);
    expect(escalationRound(dueAt, new Date('2026-03-21T14:00:00Z'), 240)).toBe(1);
  });
});
