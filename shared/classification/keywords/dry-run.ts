/**
 * What a proposed keyword change would do before it is saved: the mentions (labelled dev set, the
 * school's recent mentions) that gain or lose the category, and the precision / recall on the
 * labelled ones before and after.
 */
import type { Scores } from '../evaluation/metrics';
import type { CategoryId } from '../../domain/policy';
import { classifyMention } from '../engine/classifier';
import type { ClassifierResources } from '../engine/resources';
import type { SchoolContext } from '../school';

export interface DryRunItem {
  readonly id: string;
  readonly text: string;
  readonly school: SchoolContext;
  /** Known categories (labelled items only). */
  readonly truth?: readonly CategoryId[];
  readonly source: string;
}

export interface DryRunChange {
  readonly id: string;
  readonly source: string;
  readonly text: string;
  /** true: now raised for the category; false: no longer raised. */
  readonly nowRaised: boolean;
  /** Whether the mention is flagged at all, before and after. */
  readonly flaggedBefore: boolean;
  readonly flaggedAfter: boolean;
  /** For labelled items: whether the new decision agrees with the label. */
  readonly correct?: boolean;
}

export type { Scores };

export interface DryRunReport {
  readonly category: CategoryId;
  readonly items: number;
  readonly raisedBefore: number;
  readonly raisedAfter: number;
  readonly changes: readonly DryRunChange[];
  /** On the labelled items only; undefined when none were given. */
  readonly labelled?: { readonly count: number; readonly before: Scores; readonly after: Scores };
}

const scores = (tp: number, fp: number, fn: number): Scores => {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { tp, fp, fn, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
};

const SHOWN = 120;

export const dryRun = (
  before: ClassifierResources,
  after: ClassifierResources,
  category: CategoryId,
  items: readonly DryRunItem[],
): DryRunReport => {
  const changes: DryRunChange[] = [];
  let raisedBefore = 0;
  let raisedAfter = 0;
  const counts = { before: [0, 0, 0], after: [0, 0, 0] };
  let labelledCount = 0;
  for (const item of items) {
    const b = classifyMention(before, item.school, item.text);
    const a = classifyMention(after, item.school, item.text);
    const wasRaised = b.categories.includes(category);
    const isRaised = a.categories.includes(category);
    if (wasRaised) raisedBefore++;
    if (isRaised) raisedAfter++;
    const truth = item.truth?.includes(category);
    if (item.truth) {
      labelledCount++;
      for (const [key, raised] of [['before', wasRaised], ['after', isRaised]] as const) {
        if (raised && truth) counts[key][0]!++;
        else if (raised) counts[key][1]!++;
        else if (truth) counts[key][2]!++;
      }
    }
    if (wasRaised !== isRaised) {
      changes.push({
        id: item.id,
        source: item.source,
        text: item.text.length > SHOWN ? `${item.text.slice(0, SHOWN - 1)}…` : item.text,
        nowRaised: isRaised,
        flaggedBefore: b.flagged,
        flaggedAfter: a.flagged,
        ...(item.truth ? { correct: isRaised === truth } : {}),
      });
    }
  }
  const [tb = 0, fb = 0, nb = 0] = counts.before;
  const [ta = 0, fa = 0, na = 0] = counts.after;
  return {
    category,
    items: items.length,
    raisedBefore,
    raisedAfter,
    changes,
    ...(labelledCount > 0 ? { labelled: { count: labelledCount, before: scores(tb, fb, nb), after: scores(ta, fa, na) } } : {}),
  };
};
