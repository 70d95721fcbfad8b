/** Evaluation on our own labelled sets: per-category figures, the targets, and a confusion table. */
import { CATEGORY_IDS, type CategoryId } from '../../shared/domain/policy';
import { classifyMention } from '../../shared/classification/engine/classifier';
import type { ClassifierResources } from '../../shared/classification/engine/resources';
import { evaluate, type EvaluationReport } from '../../shared/classification/evaluation/metrics';
import { NO_SCHOOL, type SchoolContext } from '../../shared/classification/school';
import type { LabelledMention } from './labelled';
import { num, pct, table } from './table';

export interface LabelledResult {
  readonly report: EvaluationReport;
  /** Share of threat (safeguarding) mentions flagged with that category. */
  readonly criticalRecall: Readonly<Record<'threat' | 'safeguarding', number>>;
}

export const evaluateLabelled = (
  resources: ClassifierResources,
  rows: readonly LabelledMention[],
  schools: ReadonlyMap<string, SchoolContext>,
): LabelledResult => {
  const scored = rows.map((r) => ({
    id: r.id,
    truth: r.categories,
    predicted: classifyMention(resources, schools.get(r.school) ?? NO_SCHOOL, r.text).categories,
  }));
  const report = evaluate(scored);
  const recallOf = (c: CategoryId) => report.perCategory.find((m) => m.category === c)!.recall;
  return { report, criticalRecall: { threat: recallOf('threat'), safeguarding: recallOf('safeguarding') } };
};

export const formatLabelled = (title: string, result: LabelledResult): string => {
  const { report } = result;
  const perCategory = table(
    ['category', 'n', 'precision', 'recall', 'F1', 'FP', 'FN'],
    report.perCategory.map((m) => [m.category, m.support, num(m.precision), num(m.recall), num(m.f1), m.fp, m.fn]),
  );
  const targets = table(
    ['measure', 'value', 'target'],
    [
      ['macro-F1 (ten categories)', num(report.macroF1, 3), '>= 0.70'],
      ['policy breaches flagged', pct(report.breachesFlagged), '>= 90%'],
      ['threat flagged as threat', pct(result.criticalRecall.threat), '>= 90%'],
      ['safeguarding flagged as safeguarding', pct(result.criticalRecall.safeguarding), '>= 90%'],
      [`benign flagged (of ${report.benignCount})`, pct(report.benignFlagged), '<= 5%'],
    ],
  );
  const columns = ['none', ...CATEGORY_IDS];
  const short = (c: string) => c.replace('personal_data', 'pers').replace('discrimination', 'discr').replace('safeguarding', 'safeg').replace('investigation', 'invest').replace('impersonation', 'impers').replace('allegation', 'alleg').replace('defamation', 'defam').replace('complaint', 'compl').replace('threat', 'threat');
  const confusion = table(
    ['true \\ predicted', ...columns.map(short)],
    columns.map((t) => [t, ...columns.map((p) => report.confusion[t]?.[p] ?? 0)]),
  );
  return [`== ${title}: ${report.count} mentions`, perCategory, '', targets, '', 'Confusion (a mention counts once per true and predicted category):', confusion, ''].join('\n');
};
