/**
 * The Monday summary for senior leadership: the last seven days' cases by category, how many first
 * responses met the deadline, what is open and overdue now, and which sources were noisiest. One email
 * per leader per ISO week (ledger key `weekly:<school>:<week>:<recipientTag>`), so a re-run sends nothing twice.
 */
import { DateTime } from 'luxon';
import { emailEach } from './deliver';
import type { School } from '../domain/model';
import { CATEGORIES } from '../domain/policy';
import { isOverdue, minutesToFirstResponse, type StoredCase } from './case-lifecycle';
import { renderSummaryEmail } from './email/summary-email';
import type { CaseDeps, MentionStats } from './ports';
import { leadershipRecipients } from './routing';
import type { RunFailure } from './run-report';

const WEEK_MS = 7 * 24 * 3600_000;
const TOP_SOURCES = 5;
export const OFFICIAL_COMMENT_LABEL = 'Comment on an official account (not flagged)';

export interface WeeklyFigures {
  from: Date;
  to: Date;
  opened: number;
  byCategory: [label: string, count: number][];
  answered: number;
  met: number;
  /** Null when nothing was answered this week. */
  metPercent: number | null;
  medianMinutesToFirstResponse: number | null;
  falsePositives: number;
  open: number;
  overdue: number;
  noisiestSources: [sourceId: string, mentions: number][];
}

const within = (iso: string | undefined, from: Date, to: Date): boolean =>
  iso !== undefined && Date.parse(iso) >= from.getTime() && Date.parse(iso) < to.getTime();

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
};

/** Pure: the figures from the open cases, the cases closed in the window, and mention counts by source. */
export const weeklyFigures = (
  open: readonly StoredCase[],
  closedThisWeek: readonly StoredCase[],
  mentionsBySource: ReadonlyMap<string, number>,
  to: Date,
): WeeklyFigures => {
  const from = new Date(to.getTime() - WEEK_MS);
  const all = [...open, ...closedThisWeek].map((s) => s.case);
  const opened = all.filter((c) => within(c.createdAt, from, to));
  const counts = new Map<string, number>();
  for (const c of opened) {
    const labels = c.categories.length ? c.categories.map((id) => CATEGORIES[id].label) : [OFFICIAL_COMMENT_LABEL];
    for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const answered = all.filter((c) => within(c.firstResponseAt, from, to));
  const met = answered.filter((c) => c.slaOutcome === 'met').length;
  return {
    from,
    to,
    opened: opened.length,
    byCategory: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    answered: answered.length,
    met,
    metPercent: answered.length ? Math.round((met / answered.length) * 1000) / 10 : null,
    medianMinutesToFirstResponse: median(answered.map((c) => minutesToFirstResponse(c)!)),
    falsePositives: closedThisWeek.filter((s) => s.case.status === 'false_positive').length,
    open: open.length,
    overdue: open.filter((s) => isOverdue(s.case, to)).length,
    noisiestSources: [...mentionsBySource].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_SOURCES),
  };
};

export const weeklyKey = (school: School, to: Date): string =>
  `weekly:${school.id}:${DateTime.fromJSDate(to, { zone: school.timeZone }).toFormat("kkkk-'W'WW")}`;

export interface SummaryReport {
  schools: number;
  emails: number;
  failures: RunFailure[];
}

export const sendWeeklySummaries = async (
  deps: Pick<CaseDeps, 'schools' | 'cases' | 'ledger' | 'mailer' | 'clock'>,
  mentions: MentionStats,
): Promise<SummaryReport> => {
  const to = deps.clock.now();
  const from = new Date(to.getTime() - WEEK_MS);
  const report: SummaryReport = { schools: 0, emails: 0, failures: [] };
  for (const school of await deps.schools.listSchools()) {
    report.schools += 1;
    try {
      const [open, closed, bySource] = await Promise.all([
        deps.cases.listOpen(school.id),
        deps.cases.listClosedSince(school.id, from),
        mentions.countBySource(school.id, from),
      ]);
      const figures = weeklyFigures(open, closed, bySource, to);
      report.emails += await emailEach(deps, leadershipRecipients(school).to, weeklyKey(school, to), (address, key) =>
        renderSummaryEmail(school, [address], figures, key),
      );
    } catch (error) {
      report.failures.push({ schoolId: school.id, error });
    }
  }
  return report;
};
