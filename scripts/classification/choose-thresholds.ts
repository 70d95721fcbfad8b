/**
 * Chooses, per category, the model probabilities at which the model adds a full vote (confident: it
 * raises the category alone) and half a vote (lean: it raises it together with a weak keyword rule),
 * from out-of-fold predictions. Each category's pair maximises its F-score; then, while more than
 * `benignCap` of the benign mentions would be flagged (by any category), the category whose stricter
 * setting loses the least F-score per benign mention spared is tightened. Threat and safeguarding
 * use F3 (recall counts nine times precision): a missed threat costs far more than a false alarm;
 * in leave-one-file-out F3 raised safeguarding recall by 6 points at no cost in macro-F1. The caps
 * are DECISION_OPTIONS in cv-run.ts, below 5%: judged on files the thresholds were not chosen on, the
 * benign rate lands higher than on the files they were chosen on.
 */
import { CATEGORY_IDS, type CategoryId } from '../../shared/domain/policy';
import type { LabelledExample } from './labelled-examples';

export interface ModelCut {
  readonly lean: number;
  readonly confident: number;
}

export interface ThresholdOptions {
  readonly benignCap: number;
  readonly beta: Partial<Record<CategoryId, number>>;
  /**
   * Categories with a benign budget of their own: the other categories are tightened to `benignCap`
   * first, without them; then these are added and tightened (only they move) until the benign
   * mentions flagged are within `benignCap` plus the sum of these budgets.
   */
  readonly ownBudget?: Partial<Record<CategoryId, number>>;
}

/** F3 for threat and safeguarding (recall first), in both decisions: a missed threat costs far more than a false alarm (for the conditional thresholds: +9 points of safeguarding recall for −0.01 macro-F1). */
export const SEVERE_RECALL_BETA: Readonly<Partial<Record<CategoryId, number>>> = { threat: 3, safeguarding: 3 };

/** Rule score plus the model's vote reaches the category threshold (1). Shared with the engine's logic. */
export const raises = (ruleScore: number, vetoed: boolean, probability: number, cut: ModelCut): boolean => {
  const vote = vetoed ? 0 : probability >= cut.confident ? 1 : probability >= cut.lean ? 0.5 : 0;
  return ruleScore + vote >= 1 - 1e-9;
};

const CONFIDENT = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01];
const LEAN_GAPS = [0, 0.1, 0.2, 0.3];

const fBeta = (tp: number, fp: number, fn: number, beta: number): number =>
  tp === 0 ? 0 : ((1 + beta * beta) * tp) / ((1 + beta * beta) * tp + beta * beta * fn + fp);

interface Setting {
  readonly cut: ModelCut;
  readonly objective: number;
  /** Indices (into the benign list) of the benign examples this setting raises. */
  readonly benign: readonly number[];
}

export const chooseModelCuts = (
  examples: readonly LabelledExample[],
  probabilities: readonly Float64Array[],
  options: ThresholdOptions,
): Record<CategoryId, ModelCut> => {
  const benignIndex = new Map<number, number>();
  examples.forEach((e, i) => {
    if (e.categories.length === 0) benignIndex.set(i, benignIndex.size);
  });
  const settings = CATEGORY_IDS.map((category, k) => {
    const beta = options.beta[category] ?? 1;
    const list: Setting[] = [];
    for (const confident of CONFIDENT) {
      for (const gap of LEAN_GAPS) {
        const lean = Math.round(Math.max(0.05, confident - gap) * 100) / 100;
        if (gap > 0 && lean === confident) continue;
        const cut = { lean, confident };
        let tp = 0;
        let fp = 0;
        let fn = 0;
        const benign: number[] = [];
        examples.forEach((e, i) => {
          const truth = e.categories.includes(category);
          const p = raises(e.ruleScores[k]!, e.vetoed[k] === 1, probabilities[i]![k]!, cut);
          if (p && truth) tp++;
          else if (p) {
            fp++;
            const b = benignIndex.get(i);
            if (b !== undefined) benign.push(b);
          } else if (truth) fn++;
        });
        list.push({ cut, objective: fBeta(tp, fp, fn, beta), benign });
      }
    }
    return list;
  });

  const chosen = settings.map((list) => list.reduce((best, s) => (s.objective > best.objective + 1e-12 ? s : best)));
  const counts = new Int32Array(benignIndex.size);
  const flaggedBenign = () => counts.reduce((n, c) => n + (c > 0 ? 1 : 0), 0);
  const budgeted = new Set(CATEGORY_IDS.flatMap((c, k) => ((options.ownBudget?.[c] ?? 0) > 0 ? [k] : [])));
  /** Tightens the `movable` categories (their counts already in `counts`) until within `capShare`. */
  const tighten = (movable: ReadonlySet<number>, capShare: number) => {
    const cap = Math.floor(capShare * benignIndex.size);
    // Each step spares at least one benign mention, so the loop ends within benignIndex.size steps.
    for (let step = 0; step <= benignIndex.size && flaggedBenign() > cap; step++) {
      let best: { k: number; setting: Setting; ratio: number } | undefined;
      chosen.forEach((current, k) => {
        if (!movable.has(k)) return;
        const currentSet = new Set(current.benign);
        for (const candidate of settings[k]!) {
          // Benign mentions no longer flagged by any category if this category moved to `candidate`.
          const candidateSet = new Set(candidate.benign);
          let spared = 0;
          for (const b of currentSet) if (!candidateSet.has(b) && counts[b] === 1) spared++;
          let added = 0;
          for (const b of candidateSet) if (!currentSet.has(b) && counts[b] === 0) added++;
          const net = spared - added;
          if (net <= 0) continue;
          const ratio = (current.objective - candidate.objective) / net;
          if (!best || ratio < best.ratio - 1e-12) best = { k, setting: candidate, ratio };
        }
      });
      if (!best) break;
      for (const b of chosen[best.k]!.benign) counts[b]!--;
      for (const b of best.setting.benign) counts[b]!++;
      chosen[best.k] = best.setting;
    }
  };
  const others = new Set(CATEGORY_IDS.flatMap((_, k) => (budgeted.has(k) ? [] : [k])));
  for (const k of others) for (const b of chosen[k]!.benign) counts[b]!++;
  tighten(others, options.benignCap);
  if (budgeted.size > 0) {
    for (const k of budgeted) for (const b of chosen[k]!.benign) counts[b]!++;
    const extra = CATEGORY_IDS.reduce((sum, c) => sum + (options.ownBudget?.[c] ?? 0), 0);
    tighten(budgeted, options.benignCap + extra);
  }
  return Object.fromEntries(CATEGORY_IDS.map((c, k) => [c, chosen[k]!.cut])) as Record<CategoryId, ModelCut>;
};
