/** The digest: medium and low alerts and unflagged official-account comments, several cases per email. */
import type { School } from '../../domain/model';
import type { OutgoingEmail } from '../../domain/ports';
import type { CaseAction, StoredCase } from '../case-lifecycle';
import { formatLocal } from '../deadline';
import { buildCaseView } from './case-view';
import { caseHtml, caseText, frame } from './render';
import { esc, oneLine } from './safe-text';

/** Digest entries are shorter than alerts: the link has the rest. */
export const DIGEST_TEXT_MAX_CHARS = 600;

export interface DigestItem {
  stored: StoredCase;
  links: Record<CaseAction, string>;
}

export const renderDigestEmail = (
  school: School,
  to: string,
  items: readonly DigestItem[],
  windowStart: Date,
  key: string,
): OutgoingEmail => {
  const name = oneLine(school.name);
  const count = `${items.length} ${items.length === 1 ? 'mention' : 'mentions'}`;
  const since = formatLocal(windowStart, school.timeZone);
  const views = items.map((item) => buildCaseView(item.stored, school, item.links, DIGEST_TEXT_MAX_CHARS));
  const text = views
    .map((view, i) => `#${i + 1} [${view.severity}] ${view.headline}\n\n${caseText(view)}`)
    .join(`\n\n${'-'.repeat(60)}\n\n`);
  const html = views
    .map((view, i) => `<h2>#${i + 1} [${esc(view.severity)}] ${esc(view.headline)}</h2>${caseHtml(view)}`)
    .join('<hr>');
  const body = frame(
    `${name}: ${count} to review (digest from ${since})`,
    { text, html },
    `Digest for ${name} · each case has its own deadline · cases: ${views.map((v) => v.caseId).join(', ')}`,
  );
  return { to: [to], subject: `Digest: ${count} to review (${name})`, text: body.text, html: body.html, key };
};
