/**
 * What an email says about one case, worked out once and rendered twice (plain text and HTML): the
 * mention, why it was flagged with the policy clauses, the recommended next steps, the deadline and the
 * action links. Nothing here is escaped yet; render.ts does that per format.
 */
import type { School } from '../../domain/model';
import {
  CATEGORIES,
  citation,
  LADDER,
  RESPONSE_RULE_CLAUSES,
  severityRank,
  type LadderStep,
  type PolicyClause,
} from '../../domain/policy';
import type { CaseAction, StoredCase } from '../case-lifecycle';
import { formatLocal } from '../deadline';
import { oneLine, shorten } from './safe-text';

export interface ReasonView {
  heading: string;
  summary: string;
  clauses: string[];
  evidence: string[];
}

export interface StepView {
  label: string;
  clause: string;
}

export interface CaseView {
  caseId: string;
  headline: string;
  severity: string;
  dueLocal: string;
  facts: [label: string, value: string][];
  url?: string;
  text: string;
  textNote?: string;
  reasons: ReasonView[];
  urgentAdvice: string[];
  steps: StepView[];
  links: Record<CaseAction, string>;
}

const PLATFORM_LABELS: Record<string, string> = {
  web: 'Web',
  news: 'News',
  reddit: 'Reddit',
  mastodon: 'Mastodon',
  youtube: 'YouTube',
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
};

const quote = (c: PolicyClause): string => `${citation(c)}: “${c.says}”`;
const MAX_EVIDENCE = 3;

export const categoryHeadline = (stored: StoredCase): string => {
  const { classification, mention } = stored;
  if (classification.categories.length === 0) return 'Comment on an official account';
  const labels = classification.categories.map((c) => CATEGORIES[c].label);
  return mention.isOfficialAccountComment ? `${labels.join(', ')} (official account)` : labels.join(', ');
};

export const severityLabel = (stored: StoredCase): string =>
  stored.case.severity ? stored.case.severity.toUpperCase() : 'REPLY NEEDED';

const nextSteps = (stored: StoredCase): { urgent: string[]; steps: StepView[] } => {
  const categories = [...stored.classification.categories].sort(
    (a, b) => severityRank(CATEGORIES[b].defaultSeverity) - severityRank(CATEGORIES[a].defaultSeverity),
  );
  const urgent = [...new Set(categories.flatMap((c) => CATEGORIES[c].urgentAdvice ?? []))];
  const ids = new Set<LadderStep>(categories.flatMap((c) => CATEGORIES[c].nextSteps));
  if (stored.mention.isOfficialAccountComment) ids.add('reply_posted');
  const steps = [...ids].map((id) => ({ label: LADDER[id].label, clause: citation(LADDER[id].clause) }));
  return { urgent, steps };
};

const reasons = (stored: StoredCase): ReasonView[] => {
  const views: ReasonView[] = stored.classification.categories.map((category) => {
    const reason = stored.classification.reasons.find((r) => r.category === category);
    const info = CATEGORIES[category];
    return {
      heading: `${info.label} (${(reason?.severity ?? info.defaultSeverity).toUpperCase()})`,
      summary: oneLine(reason?.summary ?? info.description),
      clauses: info.clauses.map(quote),
      evidence: (reason?.evidence ?? []).slice(0, MAX_EVIDENCE).map((e) => oneLine(e.explanation)),
    };
  });
  if (stored.mention.isOfficialAccountComment) {
    views.push({
      heading: 'Comment on an official account',
      summary: 'Every comment, query or complaint on an official account gets a response within the deadline, even if only to acknowledge receipt.',
      clauses: RESPONSE_RULE_CLAUSES.map(quote),
      evidence: [],
    });
  }
  return views;
};

export const buildCaseView = (
  stored: StoredCase,
  school: School,
  links: Record<CaseAction, string>,
  maxTextChars: number,
): CaseView => {
  const { mention } = stored;
  const zone = school.timeZone;
  const platform = PLATFORM_LABELS[mention.platform] ?? mention.platform;
  const facts: [string, string][] = [
    ['Platform', mention.isOfficialAccountComment ? `${platform} (comment on an official account)` : platform],
    ['Author', mention.author ? oneLine(mention.author) : 'not given'],
    ['Posted', formatLocal(new Date(mention.publishedAt), zone)],
  ];
  if (mention.title) facts.push(['Title', oneLine(mention.title)]);
  if (mention.url) facts.push(['Link', oneLine(mention.url)]);
  const { text, note } = shorten(mention.text, maxTextChars);
  const { urgent, steps } = nextSteps(stored);
  return {
    caseId: stored.case.id,
    headline: categoryHeadline(stored),
    severity: severityLabel(stored),
    dueLocal: formatLocal(new Date(stored.case.dueAt), zone),
    facts,
    url: mention.url,
    text,
    textNote: note,
    reasons: reasons(stored),
    urgentAdvice: urgent,
    steps,
    links,
  };
};
