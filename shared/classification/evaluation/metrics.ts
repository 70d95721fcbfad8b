/**
 * Multi-label evaluation: per-category precision, recall and F1, macro-F1 over the ten categories,
 * the share of policy breaches flagged, the share of benign mentions wrongly flagged, and a confusion
 * table (for each true category, which categories were predicted).
 */
import { CATEGORY_IDS, type CategoryId } from '../../domain/policy';

export interface Scored {
  readonly id: string;
  readonly truth: readonly CategoryId[];
  readonly predicted: readonly CategoryId[];
}

export interface Scores {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface CategoryMetrics extends Scores {
  readonly category: CategoryId;
  readonly support: number;
}

export interface EvaluationReport {
  readonly count: number;
  readonly perCategory: readonly CategoryMetrics[];
  readonly macroF1: number;
  /** Share of mentions with at least one true category that were flagged at all. */
  readonly breachesFlagged: number;
  /** Share of mentions with no true category that were flagged. */
  readonly benignFlagged: number;
  readonly benignCount: number;
  /** confusion[true][predicted] counts; "none" where nothing was predicted / true. */
  readonly confusion: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export const evaluate = (items: readonly Scored[]): EvaluationReport => {
  const perCategory = CATEGORY_IDS.map<CategoryMetrics>((category) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const item of items) {
      const t = item.truth.includes(category);
      const p = item.predicted.includes(category);
      if (t && p) tp++;
      else if (p) fp++;
      else if (t) fn++;
    }
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    return { category, support: tp + fn, tp, fp, fn, precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
  });
  const present = perCategory.filter((m) => m.support > 0 || m.fp > 0);
  const breaches = items.filter((i) => i.truth.length > 0);
  const benign = items.filter((i) => i.truth.length === 0);
  const confusion: Record<string, Record<string, number>> = {};
  for (const item of items) {
    const truths = item.truth.length ? item.truth : ['none'];
    const predictions = item.predicted.length ? item.predicted : ['none'];
    for (const t of truths) {
      const row = (confusion[t] ??= {});
      for (const p of predictions) row[p] = (row[p] ?? 0) + 1;
    }
  }
  return {
    count: items.length,
    perCategory,
    macroF1: ratio(present.reduce((sum, m) => sum + m.f1, 0), present.length),
    breachesFlagged: ratio(breaches.filter((i) => i.predicted.length > 0).length, breaches.length),
    benignFlagged: ratio(benign.filter((i) => i.predicted.length > 0).length, benign.length),
    benignCount: benign.length,
    confusion,
  };
};

/** Binary precision/recall/F1 and macro-F1 over both classes (OLID level A style). */
export const binaryReport = (pairs: readonly { truth: boolean; predicted: boolean }[]) => {
  const count = (t: boolean, p: boolean) => pairs.filter((x) => x.truth === t && x.predicted === p).length;
  const tp = count(true, true);
  const fp = count(false, true);
  const fn = count(true, false);
  const tn = count(false, false);
  const f1 = (a: number, b: number, c: number) => ratio(2 * a, 2 * a + b + c);
  const positiveF1 = f1(tp, fp, fn);
  const negativeF1 = f1(tn, fn, fp);
  return {
    count: pairs.length,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    positiveF1,
    negativeF1,
    macroF1: (positiveF1 + negativeF1) / 2,
    accuracy: ratio(tp + tn, pairs.length),
  };
};
