/**
 * Chooses the breach head's threshold and the per-category conditional thresholds (see
 * shared/classification/engine/flagging.ts) on out-of-fold predictions, given the categories the
 * rules and per-category model votes already raise:
 *   - breach: the lowest breach score at which no more than `benignCap` of the benign mentions end up
 *     flagged (by the categories or by the breach head);
 *   - conditional, per category: among the mentions that end up flagged, the probability that
 *     maximises that category's F-score (F-beta with the same recall weights as the category cuts).
 */
import { CATEGORY_IDS, type CategoryId } from '../../shared/domain/policy';
import { breachScore, SEVERE_CATEGORIES, type FlaggingCuts } from '../../shared/classification/engine/flagging';
import type { LabelledExample } from './labelled-examples';

export interface FlaggingOptions {
  readonly benignCap: number;
  readonly beta: Partial<Record<CategoryId, number>>;
}

const BREACH_INDEX = CATEGORY_IDS.length;

/** The example's breach score, as the engine computes it (vetoed categories left out). */
export const exampleBreachScore = (e: LabelledExample, p: Float64Array): number => {
  let top = 0;
  let rule = 0;
  let severe = 0;
  CATEGORY_IDS.forEach((c, k) => {
    if (e.vetoed[k] !== 1) top = Math.max(top, p[k]!);
    if (e.vetoed[k] !== 1 && SEVERE_CATEGORIES.includes(c)) severe = Math.max(severe, p[k]!);
    rule = Math.max(rule, e.ruleScores[k]!);
  });
  return breachScore(p[BREACH_INDEX] ?? 0, top, rule, severe);
};
const grid = (from: number, to: number, step: number): number[] => {
  const out: number[] = [];
  for (let i = 0; from + i * step <= to + 1e-9; i++) out.push(Math.round((from + i * step) * 1000) / 1000);
  return out;
};
const CONDITIONAL_GRID = grid(0.05, 0.95, 0.025);

const fBeta = (tp: number, fp: number, fn: number, beta: number): number =>
  tp === 0 ? 0 : ((1 + beta * beta) * tp) / ((1 + beta * beta) * tp + beta * beta * fn + fp);

export const chooseFlaggingCuts = (
  examples: readonly LabelledExample[],
  probabilities: readonly Float64Array[],
  base: readonly (readonly CategoryId[])[],
  options: FlaggingOptions,
): FlaggingCuts => {
  const benign = examples.flatMap((e, i) => (e.categories.length === 0 ? [i] : []));
  const cap = Math.floor(options.benignCap * benign.length);
  const alreadyFlagged = benign.filter((i) => base[i]!.length > 0).length;
  const score = examples.map((e, i) => exampleBreachScore(e, probabilities[i]!));
  // The lowest score (rounded up to 1/1000) at which the benign mentions flagged stay within the cap.
  const candidates = benign.filter((i) => base[i]!.length === 0).map((i) => score[i]!).sort((a, b) => b - a);
  const allowed = Math.max(0, cap - alreadyFlagged);
  const breach = allowed < candidates.length ? Math.ceil((candidates[allowed]! + 1e-9) * 1000) / 1000 : -100;
  const flagged = examples.map((_, i) => base[i]!.length > 0 || score[i]! >= breach);
  const conditional = Object.fromEntries(
    CATEGORY_IDS.map((category, k) => {
      const beta = options.beta[category] ?? 1;
      let best = { t: 1.01, objective: -1 };
      for (const t of [...CONDITIONAL_GRID, 1.01]) {
        let tp = 0;
        let fp = 0;
        let fn = 0;
        examples.forEach((e, i) => {
          const truth = e.categories.includes(category);
          const p = base[i]!.includes(category) || (flagged[i]! && probabilities[i]![k]! >= t);
          if (p && truth) tp++;
          else if (p) fp++;
          else if (truth) fn++;
        });
        const objective = fBeta(tp, fp, fn, beta);
        if (objective > best.objective + 1e-12) best = { t, objective };
      }
      return [category, best.t];
    }),
  ) as Record<CategoryId, number>;
  return { breach, conditional };
};
