/**
 * The classifier: normalise the mention, find who and what it refers to, run the keyword rules and
 * detectors, ask the model, and raise each category whose weighted evidence reaches its threshold.
 * Every raised category comes with its reasons. Pure and synchronous: no I/O, no clock.
 */
import { CATEGORIES, CATEGORY_IDS, highestSeverity, severityRank, type CategoryId } from '../../domain/policy';
import type { Classification, Evidence } from '../../domain/model';
import { normalise, type NormalisedText } from '../text/normalise';
import { findRuleMatches, type RuleMatch } from '../rules/match';
import { findReferences, type References } from '../detectors/references';
import { findPersonalData } from '../detectors/personal-data';
import { findLookalikeAccounts } from '../detectors/accounts';
import { scoreSentiment, type SentimentScore } from '../detectors/sentiment';
import { extractFeatures } from '../model/features';
import type { SchoolContext } from '../school';
import type { ClassifierResources } from './resources';
import { detectorEvidence, toneEvidence, type WeightedEvidence } from './signals';
import { buildReason, ruleEvidence } from './reasons';
import { breachEvidence, modelEvidence, signalNames } from './model-signals';

export interface ClassificationDetail {
  readonly classification: Classification;
  readonly scores: Readonly<Record<CategoryId, number>>;
  readonly matches: readonly RuleMatch[];
  readonly modelScores: Readonly<Record<string, number>>;
  readonly references: References;
  readonly sentiment: SentimentScore;
  readonly text: NormalisedText;
}

/** Everything but the model: what the rules and detectors make of a mention. */
export interface Analysis {
  readonly text: NormalisedText;
  readonly references: References;
  readonly matches: readonly RuleMatch[];
  readonly sentiment: SentimentScore;
  readonly weighted: readonly WeightedEvidence[];
  /** Categories where an exception cancelled a rule match. */
  readonly cancelled: ReadonlySet<CategoryId>;
  /** Categories where a keyword rule (not a detector) counted. */
  readonly ruled: ReadonlySet<CategoryId>;
  /** The model's input features (detector findings included). */
  features(): Uint32Array;
}

export const analyse = (resources: ClassifierResources, school: SchoolContext, input: string): Analysis => {
  const text = normalise(input, resources.lexicon);
  const references = findReferences(text, school, resources.lexicon);
  const matches = findRuleMatches(resources.rules, text, references.anchors);
  const sentiment = scoreSentiment(text.tokens);

  const weighted: WeightedEvidence[] = [];
  const counted = new Set<string>();
  const cancelled = new Set<CategoryId>();
  const ruled = new Set<CategoryId>();
  for (const match of matches) {
    if (match.cancelledBy) {
      cancelled.add(match.rule.category);
      continue;
    }
    if (counted.has(match.rule.id)) continue;
    counted.add(match.rule.id);
    if (match.rule.weight > 0) ruled.add(match.rule.category);
    weighted.push({ category: match.rule.category, weight: match.rule.weight, evidence: ruleEvidence(match, text) });
  }
  weighted.push(...detectorEvidence('personal_data', findPersonalData(text.cased, school)));
  weighted.push(...detectorEvidence('impersonation', findLookalikeAccounts(text.cased, school)));
  weighted.push(...toneEvidence(text, references, sentiment));
  const detectorIds = weighted.filter((w) => w.evidence.kind === 'detector' || w.evidence.kind === 'sentiment').map((w) => w.evidence.ruleId ?? '');
  return {
    text,
    references,
    matches,
    sentiment,
    weighted,
    cancelled,
    ruled,
    features: () =>
      extractFeatures(text, [
        ...signalNames(text, references, sentiment, detectorIds),
        ...resources.concepts.featureNames(text, references.anchors),
      ]),
  };
};

export const classifyDetailed = (resources: ClassifierResources, school: SchoolContext, input: string): ClassificationDetail => {
  const analysis = analyse(resources, school, input);
  const { text, references, matches, sentiment } = analysis;
  const weighted = [...analysis.weighted];
  let modelScores: Record<string, number> = {};
  if (resources.model) {
    const probabilities = resources.model.predict(analysis.features());
    modelScores = Object.fromEntries(resources.model.heads.map((head, k) => [head, probabilities[k]!]));
    weighted.push(...modelEvidence(resources.model, modelScores, analysis.cancelled, analysis.ruled, resources.rules, text));
  }

  const scores = Object.fromEntries(CATEGORY_IDS.map((c) => [c, 0])) as Record<CategoryId, number>;
  const evidence = new Map<CategoryId, Evidence[]>();
  for (const w of weighted) {
    scores[w.category] += w.weight;
    if (w.weight > 0) {
      const list = evidence.get(w.category) ?? [];
      list.push(w.evidence);
      evidence.set(w.category, list);
    }
  }
  const raised = CATEGORY_IDS.filter((c) => scores[c] >= resources.rules.thresholds[c] - 1e-9);
  const ruleTotals = new Map<CategoryId, number>();
  for (const w of analysis.weighted) ruleTotals.set(w.category, (ruleTotals.get(w.category) ?? 0) + w.weight / (resources.rules.thresholds[w.category] ?? 1));
  const strongestRule = Math.max(0, ...ruleTotals.values());
  const breach = breachEvidence(resources.model, modelScores, raised, (c) => analysis.cancelled.has(c) && !analysis.ruled.has(c), strongestRule);
  for (const [c, e] of breach.evidence) evidence.set(c, [...(evidence.get(c) ?? []), e]);
  const categories = breach.categories.sort(
    (a, b) => severityRank(CATEGORIES[b].defaultSeverity) - severityRank(CATEGORIES[a].defaultSeverity),
  );
  const classification: Classification = {
    flagged: categories.length > 0,
    categories,
    severity: highestSeverity(categories.map((c) => CATEGORIES[c].defaultSeverity)),
    reasons: categories.map((c) => buildReason(c, evidence.get(c) ?? [])),
    keywordVersion: resources.keywordVersion,
    ...(resources.model ? { modelVersion: resources.model.version } : {}),
  };
  return { classification, scores, matches, modelScores, references, sentiment, text };
};

export const classifyMention = (resources: ClassifierResources, school: SchoolContext, input: string): Classification =>
  classifyDetailed(resources, school, input).classification;
