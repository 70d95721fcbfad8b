import { describe, expect, it } from 'vitest';
import { actOnCase } from '../../../shared/cases/act-on-case';
import { handleAlert } from '../../../shared/cases/handle-alert';
import { sendWeeklySummaries, weeklyFigures, weeklyKey } from '../../../shared/cases/weekly-summary';
import { alert, fakeDeps, school } from './fixtures';

const stats = (counts: Record<string, number>) => ({ countBySource: async () => new Map(Object.entries(counts)) });

const scenario = async () => {
  const deps = fakeDeps('2026-03-16T09:06:00Z');
  const ids: string[] = [];
  const add = async (id: string, cats: Parameters<typeof alert>[1], sev: Parameters<typeof alert>[2], at: string) => {
    deps.clock.set(at);
    const o = await handleAlert(deps, alert({ id, fetchedAt: at, publishedAt: at }, cats, sev));
    ids.push((o as { caseId: string }).caseId);
  };
  await add('a', ['threat'], 'critical', '2026-03-16T09:00:00Z');
  await add('b', ['complaint'], 'medium', '2026-03-17T09:00:00Z');
  await add('c', ['complaint', 'defamation'], 'high', '2026-03-18T09:00:00Z');
  await add('d', ['abuse'], 'high', '2026-03-10T09:00:00Z'); // last week, still open and overdue
  await actOnCase(deps.cases, ids[0]!, { action: 'acknowledge', actor: 'x' }, new Date('2026-03-16T10:00:00Z')); // met, 60 min
  await actOnCase(deps.cases, ids[1]!, { action: 'false_positive', actor: 'x' }, new Date('2026-03-19T09:00:00Z')); // breached
  return { deps, ids };
};

describe('weekly summary', () => {
  it('counts cases by category, SLA met %, open, overdue and the noisiest sources', async () => {
    const { deps } = await scenario();
    const to = new Date('2026-03-23T07:00:00Z');
    const open = await deps.cases.listOpen('ashgrove-primary');
    const closed = await deps.cases.listClosedSince('ashgrove-primary', new Date('2026-03-16T07:00:00Z'));
    const f = weeklyFigures(open, closed, new Map([['feed-a', 3], ['feed-b', 12], ['feed-c', 1]]), to);
    expect(f.opened).toBe(3);
    expect(f.byCategory).toEqual([
      ['Public complaint', 2],
      ['Defamatory or inaccurate claims', 1],
      ['Threat of violence', 1],
    ]);
    expect(f).toMatchObject({ answered: 2, met: 1, metPercent: 50, medianMinutesToFirstResponse: 1470, falsePositives: 1 });
    expect(f).toMatchObject({ open: 3, overdue: 2 });
    expect(f.noisiestSources).toEqual([['feed-b', 12], ['feed-a', 3], ['feed-c', 1]]);
  });

  it('emails the headteacher and the deputy once each per ISO week', async () => {
    const { deps } = await scenario();
    deps.mailer.sent = [];
    deps.clock.set('2026-03-23T07:00:00Z');
    expect(await sendWeeklySummaries(deps, stats({ 'feed-b': 12 }))).toMatchObject({ emails: 2 });
    deps.clock.set('2026-03-23T07:05:00Z');
    expect(await sendWeeklySummaries(deps, stats({}))).toMatchObject({ emails: 0 });
    expect(deps.mailer.sent.map((e) => e.to[0]).sort()).toEqual(['deputy@ashgrove.example', 'head@ashgrove.example']);
    const email = deps.mailer.sent[0]!;
    expect(email.text).toContain('1 of 2 first responses met the deadline (50%)');
    expect(email.text).toContain('3 cases open now, 2 of them overdue');
    expect(email.text).toMatch(/12 {2}feed-b/);
    expect(weeklyKey(school(), new Date('2026-03-23T07:00:00Z'))).toBe('weekly:ashgrove-primary:2026-W13');
  });

  it('says so when nothing was answered', () => {
    const f = weeklyFigures([], [], new Map(), new Date('2026-03-23T07:00:00Z'));
    expect(f).toMatchObject({ opened: 0, answered: 0, metPercent: null, medianMinutesToFirstResponse: null });
  });
});
