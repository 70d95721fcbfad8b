/**
 * Turns the evidence for a category into the reason an alert shows: the policy clauses it breaches
 * and what in the mention led there, in words a senior leader understands.
 */
import { CATEGORIES, citation, type CategoryId } from '../../domain/policy';
import type { CategoryReason, Evidence } from '../../domain/model';
import type { RuleMatch } from '../rules/match';
import type { Anchor } from '../rules/schema';
import type { NormalisedText } from '../text/normalise';

const MAX_QUOTE = 60;

const DEFAULT_RULE_LABELS: Record<CategoryId, string> = {
  threat: 'threatening language',
  safeguarding: 'a possible risk to a child',
  discrimination: 'discriminatory language',
  allegation: 'an allegation against a named person',
  defamation: 'a damaging claim stated as fact',
  abuse: 'an insult aimed at a person',
  personal_data: 'personal details shared',
  investigation: 'talk of an investigation',
  complaint: 'a public complaint',
  impersonation: 'posing as the school',
};

const ANCHOR_WORDS: Record<Anchor, string> = {
  person: 'a person',
  staff: 'a member of staff',
  pupil: 'a pupil',
  named: 'a named or identifiable person',
  school: 'the school',
  you: 'someone addressed as "you"',
};

export const quote = (text: string): string => (text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text);

export const ruleEvidence = (match: RuleMatch, text: NormalisedText): Evidence => {
  const written = quote(text.raw.slice(match.start, match.end).join(' '));
  const normal = text.tokens.slice(match.start, match.end).join(' ');
  const disguised = written.toLowerCase().replace(/['’]/g, '') !== normal && /[^a-z\s'’]/i.test(written);
  const label = match.rule.label ?? DEFAULT_RULE_LABELS[match.rule.category];
  const nearNote = match.rule.near.length > 0 ? `, next to ${match.rule.near.map((a) => ANCHOR_WORDS[a]).join(' or ')}` : '';
  return {
    kind: match.rule.kind === 'regex' ? 'pattern' : 'keyword',
    ruleId: match.rule.id,
    match: written,
    score: match.rule.weight,
    explanation: `"${written}"${disguised ? ` (disguised "${normal}")` : ''}: ${label}${nearNote}.`,
  };
};

export const buildReason = (category: CategoryId, evidence: readonly Evidence[]): CategoryReason => {
  const info = CATEGORIES[category];
  const strongest = [...evidence].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  const lead = strongest
    .slice(0, 2)
    .map((e) => e.explanation.replace(/\.$/, ''))
    .join('; ');
  return {
    category,
    severity: info.defaultSeverity,
    clauses: info.clauses.map(citation).join('; '),
    summary: `${info.label}: ${lead}.`,
    evidence: strongest,
  };
};
