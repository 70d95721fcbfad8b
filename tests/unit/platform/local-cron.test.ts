import { describe, expect, it } from 'vitest';
import { nextCronRun } from '../../../infra/local/runtime';

const weekly = { kind: 'cron', minute: '0', hour: '7', weekDay: 'MON' } as const;

describe('the local runtime schedules a weekly cron like EventBridge', () => {
  it('a Saturday afternoon waits for Monday 07:00 UTC', () => {
    expect(nextCronRun(weekly, new Date('2026-11-21T15:00:00Z')).toISOString()).toBe('2026-11-23T07:00:00.000Z');
  });
  it('Monday 07:00 exactly runs the following Monday, Monday 06:59 runs the same day', () => {
    expect(nextCronRun(weekly, new Date('2026-11-23T07:00:00Z')).toISOString()).toBe('2026-11-30T07:00:00.000Z');
    expect(nextCronRun(weekly, new Date('2026-11-23T06:59:00Z')).toISOString()).toBe('2026-11-23T07:00:00.000Z');
  });
});
