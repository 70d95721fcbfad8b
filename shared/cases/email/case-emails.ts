/** The emails about one case: the alert itself, the reminder before the deadline, the escalation after it. */
import type { School } from '../../domain/model';
import type { OutgoingEmail } from '../../domain/ports';
import type { CaseAction, StoredCase } from '../case-lifecycle';
import type { ContactRole } from '../../domain/model';
import { buildCaseView } from './case-view';
import { caseHtml, caseText, frame } from './render';
import { oneLine } from './safe-text';

/** A whole post fits in most alerts; a 50 kB post is cut here with a note and the link. */
export const ALERT_TEXT_MAX_CHARS = 4_000;
const SNIPPET_CHARS = 60;

export type CaseEmailKind = { kind: 'alert' } | { kind: 'reminder' } | { kind: 'escalation'; round: number };

const snippet = (stored: StoredCase): string => {
  const source = oneLine(stored.mention.title || stored.mention.text);
  return source.length > SNIPPET_CHARS ? `${source.slice(0, SNIPPET_CHARS - 1)}…` : source;
};

export const renderCaseEmail = (
  what: CaseEmailKind,
  stored: StoredCase,
  school: School,
  recipient: { address: string; roles: readonly ContactRole[] },
  links: Record<CaseAction, string>,
  key: string,
): OutgoingEmail => {
  const view = buildCaseView(stored, school, links, ALERT_TEXT_MAX_CHARS);
  const name = oneLine(school.name);
  let subject: string;
  let heading: string;
  switch (what.kind) {
    case 'alert':
      subject = `[${view.severity}] ${view.headline}: "${snippet(stored)}" (${name})`;
      heading = `${name}: ${view.headline}`;
      break;
    case 'reminder':
      subject = `Reminder: response due ${view.dueLocal}: ${view.headline} (${name})`;
      heading = `Reminder: this case still has no response. It is due ${view.dueLocal}.`;
      break;
    case 'escalation':
      subject = `OVERDUE: no response, was due ${view.dueLocal}: ${view.headline} (${name})`;
      heading =
        what.round === 0
          ? `Escalation: the response deadline has passed with no response`
          : `Escalation (repeat ${what.round}): this case is still unanswered`;
      break;
  }
  const footer = `Case ${stored.case.id} · ${name} · sent to ${recipient.address} as ${recipient.roles.join(', ')}; the links record you as the person acting, so please do not forward them`;
  const body = frame(heading, { text: caseText(view), html: caseHtml(view) }, footer);
  return { to: [recipient.address], subject, text: body.text, html: body.html, key };
};
