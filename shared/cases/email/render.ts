/** Renders a CaseView as plain text and as HTML (every untrusted string through htmlText / esc). */
import { EVIDENCE_CLAUSE, citation } from '../../domain/policy';
import { LINK_LIFETIME_DAYS } from '../action-links';
import type { CaseView } from './case-view';
import { esc, htmlText, neutralise, safeHttpUrl } from './safe-text';

export interface EmailBody {
  text: string;
  html: string;
}

const ACTION_LABELS = [
  ['acknowledge', 'Acknowledge'],
  ['handle', 'Handled'],
  ['false_positive', 'False positive'],
] as const;

export const caseText = (view: CaseView): string => {
  const lines: string[] = [`Respond by: ${view.dueLocal}`, '', 'WHAT WAS POSTED'];
  for (const [label, value] of view.facts) lines.push(`  ${label}: ${value}`);
  lines.push('', ...neutralise(view.text).split('\n').map((l) => `  | ${l}`));
  if (view.textNote) lines.push(`  (${view.textNote})`);
  lines.push('', 'WHY IT WAS FLAGGED');
  for (const reason of view.reasons) {
    lines.push(`- ${reason.heading}: ${reason.summary}`);
    for (const clause of reason.clauses) lines.push(`    Policy ${clause}`);
    for (const evidence of reason.evidence) lines.push(`    Evidence: ${evidence}`);
  }
  lines.push('', 'WHAT TO DO NEXT');
  for (const advice of view.urgentAdvice) lines.push(`  ! ${advice}`);
  view.steps.forEach((step, i) => lines.push(`  ${i + 1}. ${step.label} (${step.clause})`));
  lines.push('', `ACT ON THIS CASE (each link works once, for ${LINK_LIFETIME_DAYS} days; it asks you to confirm first)`);
  for (const [action, label] of ACTION_LABELS) lines.push(`  ${label}: ${view.links[action]}`);
  return lines.join('\n');
};

export const caseHtml = (view: CaseView): string => {
  const link = safeHttpUrl(view.url);
  const facts = view.facts
    .map(([label, value]) =>
      label === 'Link' && link
        ? `<tr><th align="left">${esc(label)}</th><td><a href="${esc(link)}">${htmlText(value)}</a></td></tr>`
        : `<tr><th align="left">${esc(label)}</th><td>${htmlText(value)}</td></tr>`,
    )
    .join('');
  const reasons = view.reasons
    .map(
      (r) =>
        `<li><strong>${esc(r.heading)}</strong>: ${htmlText(r.summary)}<ul>` +
        r.clauses.map((c) => `<li>Policy ${esc(c)}</li>`).join('') +
        r.evidence.map((e) => `<li>Evidence: ${htmlText(e)}</li>`).join('') +
        '</ul></li>',
    )
    .join('');
  const urgent = view.urgentAdvice.map((a) => `<p style="color:#a00"><strong>${esc(a)}</strong></p>`).join('');
  const steps = view.steps.map((s) => `<li>${esc(s.label)} <small>(${esc(s.clause)})</small></li>`).join('');
  const buttons = ACTION_LABELS.map(
    ([action, label]) =>
      `<a href="${esc(view.links[action])}" style="display:inline-block;padding:8px 14px;margin:4px;border:1px solid #333;border-radius:4px;text-decoration:none">${esc(label)}</a>`,
  ).join('');
  return (
    `<p><strong>Respond by: ${esc(view.dueLocal)}</strong></p>` +
    `<h3>What was posted</h3><table cellpadding="4">${facts}</table>` +
    `<blockquote class="mention-text" style="border-left:3px solid #ccc;padding-left:8px">${htmlText(view.text)}</blockquote>` +
    (view.textNote ? `<p><em>${esc(view.textNote)}</em></p>` : '') +
    `<h3>Why it was flagged</h3><ul>${reasons}</ul>` +
    `<h3>What to do next</h3>${urgent}<ol>${steps}</ol>` +
    `<h3>Act on this case</h3><p>${buttons}</p>` +
    `<p><small>Each link works once, for ${LINK_LIFETIME_DAYS} days, and asks you to confirm first.</small></p>`
  );
};

/** The frame every email shares: a heading, the body, and a footer with the evidence-handling clause. */
export const frame = (heading: string, body: EmailBody, footer: string): EmailBody => ({
  text: `${heading}\n${'='.repeat(Math.min(heading.length, 72))}\n\n${body.text}\n\n--\n${footer}\nKeep copies of posts securely and proportionately (${citation(EVIDENCE_CLAUSE)}).\n`,
  html:
    `<!doctype html><html><head><meta charset="utf-8"><title>${esc(heading)}</title></head>` +
    `<body style="font-family:Arial,sans-serif;max-width:720px"><h2>${esc(heading)}</h2>${body.html}` +
    `<hr><p><small>${esc(footer)}<br>Keep copies of posts securely and proportionately (${esc(citation(EVIDENCE_CLAUSE))}).</small></p></body></html>`,
});
