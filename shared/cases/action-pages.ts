/** The small pages behind the action links: confirm (GET), done (POST) and refused. All text escaped. */
import { LADDER, LADDER_STEPS } from '../domain/policy';
import type { CaseAction } from './case-lifecycle';
import { describeStatus } from './case-lifecycle';
import { formatLocal } from './deadline';
import { categoryHeadline, severityLabel } from './email/case-view';
import { esc, htmlText, shorten } from './email/safe-text';
import { linkActor, type LinkView } from './link-actions';

const EXCERPT_CHARS = 400;

const ACTION_TITLES: Record<CaseAction, string> = {
  acknowledge: 'Acknowledge this case',
  handle: 'Mark this case handled',
  false_positive: 'Mark this case a false positive',
};

const ACTION_DONE: Record<CaseAction, string> = {
  acknowledge: 'acknowledged',
  handle: 'marked handled',
  false_positive: 'marked a false positive (kept as feedback for tuning the keyword lists)',
};

export const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<meta name="robots" content="noindex"><title>${esc(title)}</title>` +
  `<style>body{font-family:Arial,sans-serif;max-width:640px;margin:2em auto;padding:0 1em}` +
  `blockquote{border-left:3px solid #ccc;padding-left:8px}label{display:block;margin-top:1em}` +
  `button{margin-top:1em;padding:8px 16px}</style></head><body><h1>${esc(title)}</h1>${body}</body></html>`;

const summary = ({ stored, school }: LinkView): string => {
  const { text } = shorten(stored.mention.text, EXCERPT_CHARS);
  return (
    `<p><strong>${esc(categoryHeadline(stored))}</strong> [${esc(severityLabel(stored))}] · ${esc(school.name)}</p>` +
    `<p>Status: ${esc(describeStatus(stored.case.status))} · Respond by ${esc(formatLocal(new Date(stored.case.dueAt), school.timeZone))}</p>` +
    `<blockquote>${htmlText(text)}</blockquote><p><small>Case ${esc(stored.case.id)}</small></p>`
  );
};

export const confirmPage = (view: LinkView, token: string): string => {
  const action = view.claims.action;
  const steps =
    action === 'handle'
      ? `<label for="step">Action taken</label><select id="step" name="step" required>` +
        LADDER_STEPS.map((id) => `<option value="${esc(id)}">${esc(LADDER[id].label)}</option>`).join('') +
        `</select>`
      : '';
  return page(
    ACTION_TITLES[action],
    summary(view) +
      `<form method="post">` +
      `<input type="hidden" name="t" value="${esc(token)}"><input type="hidden" name="action" value="${esc(action)}">` +
      steps +
      (view.claims.recipient && linkActor(view.claims, view.school) !== 'email link'
        ? `<p>The case history will record this as done by ${esc(linkActor(view.claims, view.school))}.</p>`
        : `<label for="name">Your name (for the case history)</label><input id="name" name="name" maxlength="120">`) +
      `<label for="note">Note (optional)</label><textarea id="note" name="note" rows="4" cols="60" maxlength="2000"></textarea>` +
      `<div><button type="submit">${esc(ACTION_TITLES[action])}</button></div></form>`,
  );
};

export const donePage = (view: LinkView): string =>
  page(
    `Case ${ACTION_DONE[view.claims.action].split(' (')[0]}`,
    `<p>Done: the case was ${esc(ACTION_DONE[view.claims.action])}.` +
      (view.stored.case.slaOutcome
        ? ` First response ${view.stored.case.slaOutcome === 'met' ? 'within' : 'after'} the deadline.`
        : '') +
      `</p>` +
      (view.stored.case.actionTaken ? `<p>Action taken: ${esc(LADDER[view.stored.case.actionTaken].label)}</p>` : '') +
      summary(view),
  );

export const refusedPage = (status: number, message: string): string => {
  const title =
    status === 410 ? 'Link no longer valid' : status === 403 ? 'Link not valid' : status === 409 ? 'Nothing to do' : status === 404 ? 'Case not found' : 'Something went wrong';
  const outcome = status >= 500 ? 'Try the link again in a minute; the case history shows whether it was recorded.' : 'Nothing was changed.';
  return page(title, `<p>${esc(message)}</p><p>${outcome}</p>`);
};
