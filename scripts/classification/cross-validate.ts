/**
 * Leave-one-file-out cross-validation: each labelled file is one writer's voice, so for each file the
 * model is trained on all the other files and scores that one. The pooled out-of-fold probabilities
 * are the closest we have to "mentions written by someone we never saw".
 */
import { CATEGORY_IDS, type CategoryId } from '../../shared/domain/policy';
import { evaluate, type EvaluationReport } from '../../shared/classification/evaluation/metrics';
import type { LabelledExample } from './labelled-examples';

/** Probabilities per category, in CATEGORY_IDS order (then the breach head, when trained). */
export type Predictor = (features: Uint32Array) => Float64Array;
export type Fit = (train: readonly LabelledExample[]) => Predictor;

export const filesOf = (examples: readonly LabelledExample[]): string[] => [...new Set(examples.map((e) => e.file))].sort();

/**
 * Out-of-fold probabilities: probabilities[i] comes from a model that never saw examples[i]'s file.
 * @param fold which folds to compute, by file and its index in filesOf order (all by default; the
 *   others are left at zero), so `train --jobs N` can share them out between worker processes.
 */
export const leaveOneFileOut = (
  examples: readonly LabelledExample[],
  fit: Fit,
  log: (m: string) => void = () => {},
  fold: (file: string, index: number) => boolean = () => true,
): Float64Array[] => {
  const probabilities: Float64Array[] = examples.map(() => new Float64Array(CATEGORY_IDS.length));
  for (const [index, file] of filesOf(examples).entries()) {
    if (!fold(file, index)) continue;
    const started = Date.now();
    const predict = fit(examples.filter((e) => e.file !== file));
    examples.forEach((e, i) => {
      if (e.file === file) probabilities[i] = Float64Array.from(predict(e.features));
    });
    log(`fold ${file}: trained on the other files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return probabilities;
};

/** The categories raised for one example, given its out-of-fold probabilities. */
export type Decider = (example: LabelledExample, probabilities: Float64Array) => CategoryId[];

/**
 * The files the keyword lists were written while reading (their authors saw these mentions): figures
 * pooled over the other files are the fairest guess at a new writer, rules included.
 */
export const RULES_WRITTEN_ON: ReadonlySet<string> = new Set(['dev', 'extra-parents', 'extra-pupils', 'extra-community']);

export interface CrossValidationReport {
  readonly perFile: readonly { file: string; report: EvaluationReport }[];
  readonly pooled: EvaluationReport;
  /** Pooled over the files not in RULES_WRITTEN_ON. */
  readonly pooledOtherWriters: EvaluationReport;
}

export const crossValidationReport = (
  examples: readonly LabelledExample[],
  probabilities: readonly Float64Array[],
  deciderFor: (heldOutFile: string) => Decider,
): CrossValidationReport => {
  const predicted = examples.map(() => [] as CategoryId[]);
  const perFile = filesOf(examples).map((file) => {
    const decide = deciderFor(file);
    const items = examples.flatMap((e, i) => {
      if (e.file !== file) return [];
      predicted[i] = decide(e, probabilities[i]!);
      return [{ id: e.id, truth: e.categories, predicted: predicted[i]! }];
    });
    return { file, report: evaluate(items) };
  });
  const scored = examples.map((e, i) => ({ id: e.id, truth: e.categories, predicted: predicted[i]! }));
  const pooled = evaluate(scored);
  const pooledOtherWriters = evaluate(scored.filter((_, i) => !RULES_WRITTEN_ON.has(examples[i]!.file)));
  return { perFile, pooled, pooledOtherWriters };
};
