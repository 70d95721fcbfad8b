/**
 * The second decision, shared by the engine and the cross-validation so the two cannot drift: a
 * binary "breach" head (any category vs benign) decides whether a mention is flagged, OR'd with the
 * per-category decisions. Once a mention is flagged, a category is added at its *conditional*
 * threshold (lower than its own: the benign-flagged rate is already held by the breach decision);
 * when the breach head fires and no category reaches even that, the category closest to its
 * conditional threshold is given.
 */
import { CATEGORY_IDS, type CategoryId } from '../../domain/policy';

export const BREACH_HEAD = 'breach';

/** The categories whose miss costs most: a bonus in the breach score (SEVERE_BONUS). */
export const SEVERE_CATEGORIES: readonly CategoryId[] = ['threat', 'safeguarding'];

const logit = (p: number): number => {
  const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
  return Math.log(q / (1 - q));
};

/** Weight of the strongest keyword rule or detector (capped at one full vote) in the breach score. */
export const RULE_WEIGHT_IN_BREACH = 2;

/**
 * How strongly a mention looks like a breach of any kind: half the breach head's log-odds, half the
 * most likely category's (threat and safeguarding with SEVERE_BONUS added), plus the strongest keyword rule or detector. Measured on leave-one-file-out
 * predictions, this ranks breaches above benign mentions better than either head alone (at 4% of
 * benign mentions flagged: 82% of breaches, against 73% for the breach head and 72% for the best
 * category head).
 */
export const breachScore = (breachProbability: number, topCategoryProbability: number, strongestRule: number, severeProbability = 0): number =>
  0.5 * logit(breachProbability) +
  0.5 * Math.max(logit(topCategoryProbability), logit(severeProbability) + SEVERE_BONUS) +
  RULE_WEIGHT_IN_BREACH * Math.max(0, Math.min(1, strongestRule));

/**
 * Log-odds added to the threat or safeguarding head's probability in the breach score: a missed threat
 * costs far more than a false alarm. Leave-one-file-out (with the own budgets in cv-run.ts): bonus 0 →
 * threat 72.0%, safeguarding 85.7%; 1 → 73.1%, 85.9%; 2 → 73.4%, 86.8% (macro-F1 0.747 → 0.744);
 * 3 → 73.9%, 86.6% (0.738).
 */
/**
 * With the naive-Bayes-scaled heads (15 files, leave-one-file-out, shipped caps; macro-F1 / breaches /
 * threat / safeguarding / benign): 0 → 0.760 / 83.0 / 73.8 / 82.5 / 3.9%; 1 → 0.758 / 82.8 / 74.9 /
 * 84.0 / 3.8%; 2 → 0.754 / 82.1 / 76.1 / 85.7 / 3.75%. 1 buys severe-category recall for almost
 * nothing; 2 (with own budgets) lowered recall on an independent writer's set earlier (cv-run.ts).
 */
export const SEVERE_BONUS = 1;

export interface FlaggingCuts {
  /** Breach score (breachScore) at which a mention is flagged. */
  readonly breach: number;
  /** Per category: probability at which a flagged mention also gets that category. */
  readonly conditional: Readonly<Record<CategoryId, number>>;
}

export interface Completed {
  readonly categories: CategoryId[];
  /** Categories added by this step (not by the rules and per-category model votes). */
  readonly added: CategoryId[];
  /** True when the breach head's decision flagged the mention (nothing else did). */
  readonly byBreachHead: boolean;
}

/**
 * @param base categories the rules and per-category model votes raised
 * @param probability the category heads' probabilities
 * @param breach the mention's breach score (breachScore)
 * @param vetoed categories an administrator's exception silenced (never added here)
 */
export const completeCategories = (
  base: readonly CategoryId[],
  probability: (c: CategoryId) => number,
  breach: number,
  cuts: FlaggingCuts,
  vetoed: (c: CategoryId) => boolean = () => false,
): Completed => {
  const byBreachHead = base.length === 0 && breach >= cuts.breach;
  if (base.length === 0 && !byBreachHead) return { categories: [], added: [], byBreachHead: false };
  const added: CategoryId[] = [];
  for (const c of CATEGORY_IDS) {
    if (base.includes(c) || vetoed(c)) continue;
    if (probability(c) >= cuts.conditional[c]) added.push(c);
  }
  if (base.length === 0 && added.length === 0) {
    let best: CategoryId | undefined;
    let bestRatio = -1;
    for (const c of CATEGORY_IDS) {
      if (vetoed(c)) continue;
      const ratio = probability(c) / Math.max(cuts.conditional[c], 1e-6);
      if (ratio > bestRatio) {
        bestRatio = ratio;
        best = c;
      }
    }
    if (best) added.push(best);
  }
  return { categories: [...base, ...added], added, byBreachHead };
};
