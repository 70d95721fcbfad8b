/**
 * Leave-one-file-out, end to end: out-of-fold probabilities from the shipped recipe, the model
 * thresholds chosen on them, and the report of the whole decision (keyword rules + model) per held-out
 * file and pooled. Two thresholds regimes are reported: "nested" (each file judged with thresholds
 * chosen on the other files only: the honest estimate) and "shipped" (the thresholds chosen on every
 * file's out-of-fold predictions, which is what `npm run train` writes into the model).
 */
import { CATEGORY_IDS, type CategoryId } from '../../shared/domain/policy';
import type { EvaluationReport } from '../../shared/classification/evaluation/metrics';
import { chooseModelCuts, raises, SEVERE_RECALL_BETA, type ModelCut } from './choose-thresholds';
import { crossValidationReport, leaveOneFileOut, type CrossValidationReport, type Decider } from './cross-validate';
import { CATEGORY_INDEX, type LabelledExample } from './labelled-examples';
import { completeCategories, type FlaggingCuts } from '../../shared/classification/engine/flagging';
import { chooseFlaggingCuts, exampleBreachScore } from './choose-flagging';
import { fitShipped, type PublicSets } from './recipe';
import { num, pct, table } from './table';

export interface LeaveOneFileOutResult {
  readonly probabilities: readonly Float64Array[];
  readonly cuts: Record<CategoryId, ModelCut>;
  readonly flagging: FlaggingCuts;
  readonly nested: CrossValidationReport;
  /** Nested, per-category decisions only (no breach head, no conditional thresholds): the old decision. */
  readonly nestedPerCategory: CrossValidationReport;
  readonly shipped: CrossValidationReport;
  readonly rulesOnly: CrossValidationReport;
}

export const decider =
  (cuts: Readonly<Record<CategoryId, ModelCut>>): Decider =>
  (e, p) =>
    CATEGORY_IDS.filter((c, k) => raises(e.ruleScores[k]!, e.vetoed[k] === 1, p[k]!, cuts[c]));

/** Per-category decisions, then the breach head and the conditional thresholds. */
export const fullDecider =
  (cuts: Readonly<Record<CategoryId, ModelCut>>, flagging: FlaggingCuts): Decider =>
  (e, p) =>
    completeCategories(decider(cuts)(e, p), (c) => p[CATEGORY_INDEX[c]]!, exampleBreachScore(e, p), flagging, (c) => e.vetoed[CATEGORY_INDEX[c]] === 1)
      .categories;

export interface DecisionOptions {
  readonly perCategoryCap: number;
  /** Extra benign share threat / safeguarding may flag on their own (ThresholdOptions.ownBudget). */
  readonly ownBudget: Partial<Record<CategoryId, number>>;
  /** Benign share flagged in all (per-category decisions + breach score). */
  readonly totalCap: number;
  readonly conditionalBeta: Partial<Record<CategoryId, number>>;
}

/**
 * Shipped: one 2% cap, total 4.25%, no own budgets, severity bonus 1. The own-budget variant scored
 * better on leave-one-file-out threat/safeguarding but worse on the second sealed set written by an
 * independent annotator (macro-F1 0.649 vs 0.674, breaches 73.6% vs 79.1%, safeguarding 48% vs 66%);
 * on 33 files (14,502 mentions) it is also worse: 0.783 / 86.8 / 86.6 / 88.3 / 4.26 against the
 * shipped 4% total cap's 0.785 / 87.6 / 88.0 / 88.9 / 4.18 (macro-F1 / breaches / threat /
 * safeguarding / benign flagged, nested). The total cap was 3.5% until the 37-file model: at 3.5% the
 * same 33 files give 0.780 / 85.9 / 86.2 / 87.6 / 3.64, at 4.5% 0.788 / 88.9 / 88.6 / 89.3 / 4.59.
 * On 51 files (22,021 mentions): 4% 0.776 / 85.7 / 85.3 / 86.6 / 4.04, 4.25% 0.780 / 86.8 / 86.3 /
 * 87.0 / 4.33, 4.5% 0.783 / 87.9 / 86.7 / 88.0 / 4.57. The rule: the largest cap that keeps the nested
 * benign rate at most 4.5%, half a point under the 5% target, hence 4.25%.
 */
export const DECISION_OPTIONS: DecisionOptions = {
  perCategoryCap: 0.02,
  ownBudget: {},
  totalCap: 0.0425,
  conditionalBeta: SEVERE_RECALL_BETA,
};

/** Both decisions' thresholds, chosen on the given examples' out-of-fold probabilities. */
export const chooseAllCuts = (examples: readonly LabelledExample[], probabilities: readonly Float64Array[], options: DecisionOptions = DECISION_OPTIONS) => {
  const cuts = chooseModelCuts(examples, probabilities, { benignCap: options.perCategoryCap, beta: SEVERE_RECALL_BETA, ownBudget: options.ownBudget });
  const base = examples.map((e, i) => decider(cuts)(e, probabilities[i]!));
  return { cuts, flagging: chooseFlaggingCuts(examples, probabilities, base, { benignCap: options.totalCap, beta: options.conditionalBeta }) };
};

/** The nested report (each file judged with thresholds chosen on the other files) for given options. */
export const nestedReport = (examples: readonly LabelledExample[], probabilities: readonly Float64Array[], options: DecisionOptions = DECISION_OPTIONS) => {
  const cache = new Map<string, ReturnType<typeof chooseAllCuts>>();
  const cutsWithout = (file: string) => {
    if (!cache.has(file)) {
      const others = examples.flatMap((e, i) => (e.file === file ? [] : [i]));
      cache.set(file, chooseAllCuts(others.map((i) => examples[i]!), others.map((i) => probabilities[i]!), options));
    }
    return cache.get(file)!;
  };
  return crossValidationReport(examples, probabilities, (file) => fullDecider(cutsWithout(file).cuts, cutsWithout(file).flagging));
};

/** @param outOfFold out-of-fold probabilities saved by an earlier run on the same data (skips the refits). */
export const runLeaveOneFileOut = (
  examples: readonly LabelledExample[],
  publicSets: PublicSets,
  log: (m: string) => void,
  outOfFold?: readonly Float64Array[],
): LeaveOneFileOutResult => {
  const probabilities = outOfFold ?? leaveOneFileOut(examples, fitShipped(publicSets), log);
  const { cuts, flagging } = chooseAllCuts(examples, probabilities);
  const nestedCuts = new Map<string, ReturnType<typeof chooseAllCuts>>();
  const cutsWithout = (file: string) => {
    if (!nestedCuts.has(file)) {
      const others = examples.flatMap((e, i) => (e.file === file ? [] : [i]));
      nestedCuts.set(file, chooseAllCuts(others.map((i) => examples[i]!), others.map((i) => probabilities[i]!)));
    }
    return nestedCuts.get(file)!;
  };
  const nested = crossValidationReport(examples, probabilities, (file) => fullDecider(cutsWithout(file).cuts, cutsWithout(file).flagging));
  const nestedPerCategory = crossValidationReport(examples, probabilities, (file) => decider(cutsWithout(file).cuts));
  const shipped = crossValidationReport(examples, probabilities, () => fullDecider(cuts, flagging));
  const rulesOnly = crossValidationReport(examples, probabilities, () => (e) => CATEGORY_IDS.filter((_, k) => e.ruleScores[k]! >= 1 - 1e-9));
  return { probabilities, cuts, flagging, nested, nestedPerCategory, shipped, rulesOnly };
};

const recallOf = (r: EvaluationReport, c: CategoryId) => r.perCategory.find((m) => m.category === c)!.recall;

const summaryRow = (name: string, r: EvaluationReport) => [
  name,
  r.count,
  num(r.macroF1, 3),
  pct(r.breachesFlagged),
  pct(recallOf(r, 'threat')),
  pct(recallOf(r, 'safeguarding')),
  `${pct(r.benignFlagged)} of ${r.benignCount}`,
];

/** A compact summary for the model file's trainedOn record and the README. */
export const summarise = (r: EvaluationReport) => ({
  macroF1: Number(r.macroF1.toFixed(3)),
  breachesFlagged: Number(r.breachesFlagged.toFixed(3)),
  threatRecall: Number(recallOf(r, 'threat').toFixed(3)),
  safeguardingRecall: Number(recallOf(r, 'safeguarding').toFixed(3)),
  benignFlagged: Number(r.benignFlagged.toFixed(3)),
  perCategory: Object.fromEntries(r.perCategory.map((m) => [m.category, { p: Number(m.precision.toFixed(2)), r: Number(m.recall.toFixed(2)), f1: Number(m.f1.toFixed(2)) }])),
});

export const formatLeaveOneFileOut = (result: LeaveOneFileOutResult): string => {
  const header = ['held-out file', 'n', 'macro-F1', 'breaches flagged', 'threat as threat', 'safeg. as safeg.', 'benign flagged'];
  const section = (title: string, report: CrossValidationReport) =>
    [title, table(header, [
          ...report.perFile.map((f) => summaryRow(f.file, f.report)),
          summaryRow('POOLED', report.pooled),
          summaryRow('POOLED, files the rules were not written on', report.pooledOtherWriters),
        ]), ''].join('\n');
  const pooled = result.nested.pooled;
  const other = result.nested.pooledOtherWriters.perCategory;
  const perCategory = table(
    ['category', 'n', 'precision', 'recall', 'F1', 'FP', 'FN', 'F1 (not written on)', 'threshold lean/confident', 'if flagged'],
    pooled.perCategory.map((m, k) => [
      m.category,
      m.support,
      num(m.precision),
      num(m.recall),
      num(m.f1),
      m.fp,
      m.fn,
      num(other[k]!.f1),
      `${result.cuts[m.category].lean}/${result.cuts[m.category].confident}`,
      result.flagging.conditional[m.category],
    ]),
  );
  const targets = table(
    ['measure (pooled, nested thresholds)', 'value', 'target'],
    [
      ['macro-F1 (ten categories)', num(pooled.macroF1, 3), '>= 0.70'],
      ['policy breaches flagged', pct(pooled.breachesFlagged), '>= 90%'],
      ['threat flagged as threat', pct(recallOf(pooled, 'threat')), '>= 90%'],
      ['safeguarding flagged as safeguarding', pct(recallOf(pooled, 'safeguarding')), '>= 90%'],
      [`benign flagged (of ${pooled.benignCount})`, pct(pooled.benignFlagged), '<= 5%'],
    ],
  );
  return [
    '== Leave-one-file-out: each file scored by a model trained on all the other files (rules + model)',
    section('Nested thresholds (each file judged with thresholds chosen on the other files: the honest estimate):', result.nested),
    section('Nested, per-category decisions only (without the breach head and conditional thresholds):', result.nestedPerCategory),
    section('Shipped thresholds (chosen on all out-of-fold predictions):', result.shipped),
    section('Keyword rules and detectors alone:', result.rulesOnly),
    `Flagged when the breach score reaches ${result.flagging.breach} (shipped).`,
    'Pooled per category (nested thresholds; the thresholds shown are the shipped ones):',
    perCategory,
    '',
    targets,
    '',
  ].join('\n');
};
