/**
 * The bridge between the detectors and the statistical model: detector findings become extra model
 * features ("a named member of staff", "negative tone"), and the model's probabilities become
 * weighted evidence: half a vote when it leans towards a category, a full vote when it is confident.
 * An administrator's exception for a category also silences the model for that category.
 */
import { CATEGORIES, CATEGORY_IDS, type CategoryId } from '../../domain/policy';
import { ANCHOR_BITS, type CompiledRuleSet } from '../rules/compile';
import type { References } from '../detectors/references';
import type { SentimentScore } from '../detectors/sentiment';
import type { LinearModel } from '../model/linear-model';
import { tokenBuckets } from '../model/features';
import type { NormalisedText } from '../text/normalise';
import type { WeightedEvidence } from './signals';
import type { Evidence } from '../../domain/model';
import { BREACH_HEAD, breachScore, completeCategories, SEVERE_CATEGORIES, type FlaggingCuts } from './flagging';

export const signalNames = (text: NormalisedText, refs: References, sentiment: SentimentScore, detectorIds: Iterable<string>): string[] => {
  const names: string[] = [];
  if (refs.staff.some((s) => s.staff !== undefined)) names.push('staff-named');
  if (refs.staff.some((s) => s.how === 'title and unlisted name')) names.push('staff-titled');
  if (refs.anchors.some((a) => (a & ANCHOR_BITS.staff) !== 0)) names.push('staff-any');
  if (refs.pupils.some((p) => p.how !== 'name')) names.push('pupil-yeargroup');
  if (refs.pupils.some((p) => p.how === 'name' || p.how === 'name and year group')) names.push('pupil-named');
  if (refs.schoolNamed) names.push('school-named');
  if (refs.anchors.some((a) => (a & ANCHOR_BITS.you) !== 0)) names.push('you');
  if (sentiment.total <= -3) names.push('tone-negative');
  if (sentiment.total <= -6) names.push('tone-very-negative');
  if (sentiment.total >= 3) names.push('tone-positive');
  if (text.disguised) names.push('disguised');
  for (const id of detectorIds) names.push(`det:${id}`);
  return names;
};

const MAX_WORDS = 3;
/** A probability as shown to a moderator: a whole percentage, never "100%" (nor "0%"). */
export const shownPercent = (p: number): number => Math.min(99, Math.max(1, Math.round(p * 100)));
/** Filler words never quoted as the reason: they carry no meaning a moderator can check. */
const STOP_WORDS = new Set(
  ("a an the and or but if so of to in on at by for with from into onto over about as than then that this these those there " +
    "here it its it's is are was were be been being am do does did done doing have has had having will would shall should can " +
    "could may might must won't wont can't cant don't dont doesn't didn't isn't aren't wasn't weren't i i'm im me my mine you " +
    "you're your yours u ur he him his she her hers we us our they them their what which who whom when where why how all any " +
    "some no not just very too also only up out off again more most such own same other each both few").split(' '),
);
/** Words with digits or @ are never quoted (they may be phone numbers, emails or handles). */
const QUOTABLE = /^[\p{L}'’*-]+$/u;

/**
 * The words that pushed the model most towards a category: each token's own features (its stem
 * and character n-grams) summed in that category's head; the strongest positive ones, as written.
 */
export const strongestWords = (model: LinearModel, head: number, text: NormalisedText): string[] => {
  const scored: { word: string; weight: number }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < text.tokens.length; i++) {
    const word = text.raw[i]!;
    const key = text.tokens[i]!;
    if (seen.has(key) || !QUOTABLE.test(word) || STOP_WORDS.has(key) || STOP_WORDS.has(word.toLowerCase().replace(/’/g, "'"))) continue;
    seen.add(key);
    let weight = 0;
    for (const bucket of tokenBuckets(text, i)) weight += model.weightOf(bucket, head);
    if (weight > 0.15) scored.push({ word, weight });
  }
  return scored
    .sort((a, b) => b.weight - a.weight)
    .slice(0, MAX_WORDS)
    .map((s) => s.word);
};

export const modelEvidence = (
  model: LinearModel,
  scores: Readonly<Record<string, number>>,
  cancelled: ReadonlySet<CategoryId>,
  ruled: ReadonlySet<CategoryId>,
  rules: CompiledRuleSet,
  text?: NormalisedText,
): WeightedEvidence[] => {
  const out: WeightedEvidence[] = [];
  for (const category of CATEGORY_IDS) {
    const threshold = model.thresholds[category];
    const p = scores[category];
    if (!threshold || p === undefined || p < threshold.lean) continue;
    if (cancelled.has(category) && !ruled.has(category)) continue;
    const weight = p >= threshold.confident ? 1 : 0.5;
    const words = text ? strongestWords(model, model.headIndex(category), text) : [];
    const because = words.length > 0 ? `, mostly because of ${words.map((w) => `"${w}"`).join(', ')}` : '';
    out.push({
      category,
      weight: weight * (rules.thresholds[category] ?? 1),
      evidence: {
        kind: 'model',
        ruleId: `model.${category}`,
        score: Math.round(p * 1000) / 1000,
        ...(words.length > 0 ? { match: words.join(', ') } : {}),
        explanation: `The statistical model, trained on labelled mentions, rates it ${shownPercent(p)}% likely to be ${CATEGORIES[category].label.toLowerCase()}${because}.`,
      },
    });
  }
  return out;
};

/**
 * The breach head's decision (engine/flagging.ts) on top of the categories already raised: the
 * categories it adds, each with evidence in plain words.
 */
export const breachEvidence = (
  model: LinearModel | undefined,
  scores: Readonly<Record<string, number>>,
  raised: readonly CategoryId[],
  vetoed: (c: CategoryId) => boolean,
  strongestRule: number,
): { categories: CategoryId[]; evidence: [CategoryId, Evidence][] } => {
  const flagging = model?.flagging;
  const breach = scores[BREACH_HEAD];
  if (!flagging || breach === undefined) return { categories: [...raised], evidence: [] };
  const cuts: FlaggingCuts = { breach: flagging.breach, conditional: Object.fromEntries(CATEGORY_IDS.map((c) => [c, flagging.conditional[c] ?? 1.01])) as Record<CategoryId, number> };
  const top = Math.max(0, ...CATEGORY_IDS.filter((c) => !vetoed(c)).map((c) => scores[c] ?? 0));
  const severe = Math.max(0, ...SEVERE_CATEGORIES.filter((c) => !vetoed(c)).map((c) => scores[c] ?? 0));
  const done = completeCategories(raised, (c) => scores[c] ?? 0, breachScore(breach, top, strongestRule, severe), cuts, vetoed);
  const evidence = done.added.map((c): [CategoryId, Evidence] => {
    const p = shownPercent(scores[c] ?? 0);
    const explanation = done.byBreachHead
      ? `The statistical model rates it ${shownPercent(breach)}% likely to breach the policy; closest category: ${CATEGORIES[c].label.toLowerCase()} (${p}%).`
      : `Already flagged, and the statistical model rates it ${p}% likely to be ${CATEGORIES[c].label.toLowerCase()} as well.`;
    return [c, { kind: 'model', ruleId: done.byBreachHead ? `model.${BREACH_HEAD}` : `model.${c}.if-flagged`, score: Math.round((scores[c] ?? 0) * 1000) / 1000, explanation }];
  });
  return { categories: done.categories, evidence };
};
