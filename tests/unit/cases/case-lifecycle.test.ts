import { describe, expect, it } from 'vitest';
import {
  applyCaseCommand,
  caseIdFor,
  isOverdue,
  minutesToFirstResponse,
  openCase,
} from '../../../shared/cases/case-lifecycle';
import { ConflictError, ValidationError } from '../../../shared/platform/errors';
import { classification, mention } from './fixtures';

const opened = () =>
  openCase(
    mention(),
    classification(['complaint'], 'medium'),
    { receivedAt: new Date('2026-03-18T09:00:00Z'), dueAt: new Date('2026-03-19T09:00:00Z') },
    new Date('2026-03-18T09:06:00Z'),
  );

describe('case lifecycle', () => {
  it('derives one stable case id per school and mention', () => {
    expect(caseIdFor('ashgrove-primary', 'm-0001')).toBe(caseIdFor('ashgrove-primary', 'm-0001'));
    expect(caseIdFor('ashgrove-primary', 'm-0001')).not.toBe(caseIdFor('ashgrove-primary', 'm-0002'));
    expect(caseIdFor('ashgrove-primary', 'm-0001')).not.toBe(caseIdFor('other-school', 'm-0001'));
    expect(caseIdFor('ashgrove-primary', 'm-0001')).toMatch(/^[0-9a-f]{20}$/);
  });

  it('opens a case as new at revision 0 with an "opened" history entry', () => {
    const { stored, entry } = opened();
    expect(stored.case).toMatchObject({ status: 'new', revision: 0, dueAt: '2026-03-19T09:00:00.000Z', categories: ['complaint'] });
    expect(entry).toMatchObject({ actor: 'system', action: 'opened', toStatus: 'new' });
  });

  it('acknowledging before the deadline records the first response and "met"', () => {
    const { next, entry } = applyCaseCommand(opened().stored.case, { action: 'acknowledge', actor: 'Mrs Head' }, new Date('2026-03-18T12:00:00Z'));
    expect(next).toMatchObject({ status: 'acknowledged', revision: 1, firstResponseAt: '2026-03-18T12:00:00.000Z', slaOutcome: 'met' });
    expect(minutesToFirstResponse(next)).toBe(180);
    expect(entry).toMatchObject({ actor: 'Mrs Head', action: 'acknowledged', fromStatus: 'new', toStatus: 'acknowledged' });
  });

  it('handling after the deadline records "breached" and the ladder step taken', () => {
    const { next, entry } = applyCaseCommand(
      opened().stored.case,
      { action: 'handle', step: 'reply_posted', actor: 'moderator', note: 'Replied with the complaints procedure' },
      new Date('2026-03-19T10:00:00Z'),
    );
    expect(next).toMatchObject({ status: 'handled', actionTaken: 'reply_posted', slaOutcome: 'breached' });
    expect(entry).toMatchObject({ action: 'handled: reply_posted', note: 'Replied with the complaints procedure' });
  });

  it('keeps the first response when an acknowledged case is later handled', () => {
    const acked = applyCaseCommand(opened().stored.case, { action: 'acknowledge', actor: 'a' }, new Date('2026-03-18T12:00:00Z')).next;
    const handled = applyCaseCommand(acked, { action: 'handle', step: 'asked_to_remove', actor: 'b' }, new Date('2026-03-20T12:00:00Z')).next;
    expect(handled).toMatchObject({ status: 'handled', revision: 2, firstResponseAt: '2026-03-18T12:00:00.000Z', slaOutcome: 'met' });
  });

  it('refuses a command that does not fit the status (acknowledge twice, act on a closed case)', () => {
    const acked = applyCaseCommand(opened().stored.case, { action: 'acknowledge', actor: 'a' }, new Date()).next;
    expect(() => applyCaseCommand(acked, { action: 'acknowledge', actor: 'a' }, new Date())).toThrow(ConflictError);
    const fp = applyCaseCommand(acked, { action: 'false_positive', actor: 'a' }, new Date()).next;
    expect(() => applyCaseCommand(fp, { action: 'handle', step: 'police', actor: 'a' }, new Date())).toThrow(/already marked a false positive/);
  });

  it('refuses an empty actor and an unknown ladder step; strips control characters from names and notes', () => {
    const record = opened().stored.case;
    expect(() => applyCaseCommand(record, { action: 'acknowledge', actor: ' \r\n ' }, new Date())).toThrow(ValidationError);
    expect(() => applyCaseCommand(record, { action: 'handle', step: 'shout' as never, actor: 'a' }, new Date())).toThrow(ValidationError);
    const { entry } = applyCaseCommand(record, { action: 'acknowledge', actor: 'Eve\r\nBcc: x@y', note: 'ok\u0007\r\nnext' }, new Date());
    expect(entry.actor).toBe('Eve Bcc: x@y');
    expect(entry.note).toBe('ok \nnext');
  });

  it('a new case past its deadline is overdue; an acknowledged one is not', () => {
    const record = opened().stored.case;
    expect(isOverdue(record, new Date('2026-03-19T09:00:01Z'))).toBe(true);
    expect(isOverdue(record, new Date('2026-03-19T08:59:59Z'))).toBe(false);
    const acked = applyCaseCommand(record, { action: 'acknowledge', actor: 'a' }, new Date('2026-03-20T00:00:00Z')).next;
    expect(isOverdue(acked, new Date('2026-03-21T00:00:00Z'))).toBe(false);
  });
});
