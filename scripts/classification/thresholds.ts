/**
 * Chooses, per category, the model probabilities at which it adds half a vote (lean) and a full vote
 * (confident), using out-of-fold predictions on the dev set, so the choice is not made on
 * predictions for items the model was trained on.
 */
import type { CategoryId } from '../../shared/domain/policy';

export interface DevDecisionInput {
  /** Weight from rules and detectors (no model), per category. */
  readonly ruleScore: number;
  /** Whether an exception cancelled a rule of this category (and no rule counted). */
  readonly vetoed: boolean;
  readonly probability: number;
  readonly truth: boolean;
  /** The item has no category at all. */
  readonly benign: boolean;
}

export const decide = (x: DevDecisionInput, lean: number, confident: number): boolean => {
  const vote = x.vetoed ? 0 : x.probability >= confident ? 1 : x.probability >= lean ? 0.5 : 0;
  return x.ruleScore + vote >= 1 - 1e-9;
};

const fBeta = (tp: number, fp: number, fn: number, beta: number): number =>
  tp === 0 ? 0 : ((1 + beta * beta) * tp) / ((1 + beta * beta) * tp + beta * beta * fn + fp);
const f1 = (tp: number, fp: number, fn: number): number => fBeta(tp, fp, fn, 1);

/**
 * Missing a threat or a safeguarding concern costs far more than a false alarm (the target is 90 %
 * of them flagged), so their thresholds maximise F2 (recall weighted four times precision).
 */
const BETA: Partial<Record<CategoryId, number>> = { threat: 2, safeguarding: 2 };

/**
 * What each benign mention newly flagged costs, in F-score points. Low for the critical categories
 * (recall first); higher for the rest, which bring the benign false-alarm rate down to the 5 % target
 * in cross-validation at a cost of 0.003 macro-F1.
 */
const BENIGN_PENALTY: Partial<Record<CategoryId, number>> = { threat: 0.01, safeguarding: 0.01 };

/**
 * The confident threshold is chosen on the model alone (out-of-fold), because the keyword rules were
 * written while reading the dev set and catch nearly all of its positives: judged together with them,
 * the model would look unnecessary, yet on unseen mentions it is what catches the wording the rules
 * miss. The lean threshold (half a vote, to tip a rule score of 0.5 over) is then searched with the
 * rules, no lower than 0.3 below the confident one. Benign items newly flagged cost `benignPenalty`.
 */
export const chooseThresholds = (
  category: CategoryId,
  items: readonly DevDecisionInput[],
  benignPenalty = BENIGN_PENALTY[category] ?? 0.04,
): { lean: number; confident: number; f1: number } => {
  const grid = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98, 1.01];
  const score = (predict: (x: DevDecisionInput) => boolean) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let benignFlagged = 0;
    for (const x of items) {
      const p = predict(x);
      if (p && x.truth) tp++;
      else if (p) {
        fp++;
        if (x.benign) benignFlagged++;
      } else if (x.truth) fn++;
    }
    return { f1: f1(tp, fp, fn), objective: fBeta(tp, fp, fn, BETA[category] ?? 1) - benignPenalty * benignFlagged };
  };
  let confident = 1.01;
  let bestModelOnly = -Infinity;
  for (const t of grid) {
    const s = score((x) => !x.vetoed && x.probability >= t);
    if (s.objective > bestModelOnly + 1e-9) {
      bestModelOnly = s.objective;
      confident = t;
    }
  }
  let best = { lean: confident, f1: -1, objective: -Infinity };
  for (const lean of grid) {
    if (lean > confident || lean < confident - 0.3) continue;
    const s = score((x) => decide(x, lean, confident));
    if (s.objective > best.objective + 1e-9) best = { lean, f1: s.f1, objective: s.objective };
  }
  return { lean: best.lean, confident, f1: best.f1 };
};
