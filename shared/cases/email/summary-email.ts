/** The weekly summary email: a few figures and two small tables, plain text and HTML. */
import type { School } from '../../domain/model';
import type { OutgoingEmail } from '../../domain/ports';
import { formatLocal } from '../deadline';
import type { WeeklyFigures } from '../weekly-summary';
import { frame } from './render';
import { esc, oneLine } from './safe-text';

const rowsText = (rows: readonly [string, number][], empty: string): string =>
  rows.length ? rows.map(([label, n]) => `  ${String(n).padStart(4)}  ${label}`).join('\n') : `  ${empty}`;

const rowsHtml = (rows: readonly [string, number][], empty: string): string =>
  rows.length
    ? `<table cellpadding="3">${rows.map(([label, n]) => `<tr><td align="right">${n}</td><td>${esc(label)}</td></tr>`).join('')}</table>`
    : `<p>${esc(empty)}</p>`;

export const renderSummaryEmail = (
  school: School,
  to: readonly string[],
  f: WeeklyFigures,
  key: string,
): OutgoingEmail => {
  const name = oneLine(school.name);
  const period = `${formatLocal(f.from, school.timeZone)} to ${formatLocal(f.to, school.timeZone)}`;
  const sla =
    f.metPercent === null
      ? 'No cases had their first response this week.'
      : `${f.met} of ${f.answered} first responses met the deadline (${f.metPercent}%); median time to first response ${f.medianMinutesToFirstResponse} minutes.`;
  const status = `${f.open} cases open now, ${f.overdue} of them overdue with no response. ${f.falsePositives} marked false positive this week.`;
  const text = [
    `Period: ${period}`,
    '',
    `CASES OPENED: ${f.opened}`,
    rowsText(f.byCategory, 'none'),
    '',
    `RESPONSE DEADLINE: ${sla}`,
    '',
    `NOW: ${status}`,
    '',
    'NOISIEST SOURCES (mentions this week)',
    rowsText(f.noisiestSources, 'no mentions recorded'),
  ].join('\n');
  const html =
    `<p>Period: ${esc(period)}</p>` +
    `<h3>Cases opened: ${f.opened}</h3>${rowsHtml(f.byCategory, 'none')}` +
    `<h3>Response deadline</h3><p>${esc(sla)}</p>` +
    `<h3>Now</h3><p>${esc(status)}</p>` +
    `<h3>Noisiest sources (mentions this week)</h3>${rowsHtml(f.noisiestSources, 'no mentions recorded')}`;
  const body = frame(`${name}: weekly summary of mentions and cases`, { text, html }, `Weekly summary for ${name}`);
  return { to, subject: `Weekly summary: ${f.opened} cases, ${f.overdue} overdue (${name})`, text: body.text, html: body.html, key };
};
