/**
 * The labelled mentions as the trainer and the cross-validation see them: each analysed once (the
 * model's input features, and what the keyword rules and detectors alone make of it), tagged with
 * the file (the writer) it came from.
 */
import { CATEGORY_IDS, type CategoryId } from '../../shared/domain/policy';
import { analyse } from '../../shared/classification/engine/classifier';
import type { ClassifierResources } from '../../shared/classification/engine/resources';
import { NO_SCHOOL, type SchoolContext } from '../../shared/classification/school';
import type { LabelledFile } from './labelled';

export interface LabelledExample {
  readonly file: string;
  readonly id: string;
  readonly text: string;
  readonly categories: readonly CategoryId[];
  readonly features: Uint32Array;
  /** Per category (CATEGORY_IDS order): weight of the distinct rules and detectors that matched. */
  readonly ruleScores: Float64Array;
  /** Per category: 1 when an exception cancelled a rule and no positive rule counted (silences the model). */
  readonly vetoed: Uint8Array;
  /** Per category: the ids of the positive rules and detectors that matched. */
  readonly ruleIds: readonly (readonly string[])[];
}

export const CATEGORY_INDEX: Readonly<Record<CategoryId, number>> = Object.fromEntries(CATEGORY_IDS.map((c, k) => [c, k])) as Record<CategoryId, number>;

export const labelledExamples = (
  resources: ClassifierResources,
  files: readonly LabelledFile[],
  schools: ReadonlyMap<string, SchoolContext>,
): LabelledExample[] =>
  files.flatMap((file) =>
    file.rows.map((row) => {
      const a = analyse(resources, schools.get(row.school) ?? NO_SCHOOL, row.text);
      const ruleScores = new Float64Array(CATEGORY_IDS.length);
      const ruleIds: string[][] = CATEGORY_IDS.map(() => []);
      for (const w of a.weighted) {
        const k = CATEGORY_INDEX[w.category];
        ruleScores[k]! += w.weight;
        if (w.weight > 0) ruleIds[k]!.push(w.evidence.ruleId ?? w.evidence.kind);
      }
      const vetoed = Uint8Array.from(CATEGORY_IDS, (c) => (a.cancelled.has(c) && !a.ruled.has(c) ? 1 : 0));
      return { file: file.name, id: row.id, text: row.text, categories: row.categories, features: a.features(), ruleScores, vetoed, ruleIds };
    }),
  );
