import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS, type CategoryId } from '../../../shared/domain/policy';
import { breachScore, completeCategories, type FlaggingCuts } from '../../../shared/classification/engine/flagging';
import { chooseFlaggingCuts } from '../../../scripts/classification/choose-flagging';
import type { LabelledExample } from '../../../scripts/classification/labelled-examples';

const cuts: FlaggingCuts = {
  breach: 0,
  conditional: Object.fromEntries(CATEGORY_IDS.map((c) => [c, 0.4])) as Record<CategoryId, number>,
};
const probabilities = (values: Partial<Record<CategoryId, number>>) => (c: CategoryId) => values[c] ?? 0.01;

describe('the breach decision', () => {
  it('leaves a mention unflagged when no category is raised and the breach score is below its threshold', () => {
    expect(completeCategories([], probabilities({ complaint: 0.9 }), -1, cuts).categories).toEqual([]);
  });

  it('flags a mention the breach score rates as a breach and gives it every category past its conditional threshold', () => {
    const done = completeCategories([], probabilities({ complaint: 0.5, allegation: 0.45, abuse: 0.2 }), 1, cuts);
    expect(done.byBreachHead).toBe(true);
    expect(done.categories.sort()).toEqual(['allegation', 'complaint']);
  });

  it('gives the category closest to its conditional threshold when the breach score fires and none passes it', () => {
    const uneven = { ...cuts, conditional: { ...cuts.conditional, threat: 0.2 } };
    const done = completeCategories([], probabilities({ threat: 0.15, complaint: 0.3 }), 1, uneven);
    expect(done.categories).toEqual(['threat']);
  });

  it('adds categories to an already flagged mention at their conditional threshold, but never a vetoed one', () => {
    const done = completeCategories(['threat'], probabilities({ abuse: 0.6, discrimination: 0.7 }), -5, cuts, (c) => c === 'discrimination');
    expect(done.categories).toEqual(['threat', 'abuse']);
    expect(done.added).toEqual(['abuse']);
  });

  it('rates a mention higher when a keyword rule matched, and when either head is more confident', () => {
    expect(breachScore(0.5, 0.5, 1)).toBeGreaterThan(breachScore(0.5, 0.5, 0));
    expect(breachScore(0.9, 0.5, 0)).toBeGreaterThan(breachScore(0.5, 0.5, 0));
    expect(breachScore(0.5, 0.9, 0)).toBeGreaterThan(breachScore(0.5, 0.5, 0));
  });
});

const example = (categories: CategoryId[]): LabelledExample => ({
  file: 'a',
  id: String(Math.random()),
  text: '',
  categories,
  features: new Uint32Array(),
  ruleScores: new Float64Array(CATEGORY_IDS.length),
  vetoed: new Uint8Array(CATEGORY_IDS.length),
  ruleIds: CATEGORY_IDS.map(() => []),
});

describe('choosing the breach threshold', () => {
  it('flags no more than the benign cap of benign mentions, counting those the categories already flag', () => {
    const k = CATEGORY_IDS.indexOf('complaint');
    const examples = [...Array.from({ length: 50 }, () => example(['complaint'])), ...Array.from({ length: 100 }, () => example([]))];
    const probs = examples.map((e, i) => {
      const p = new Float64Array(CATEGORY_IDS.length + 1);
      const level = e.categories.length > 0 ? 0.8 : 0.05 + (i % 100) / 120;
      p[k] = level;
      p[CATEGORY_IDS.length] = level;
      return p;
    });
    const base = examples.map((e, i) => (e.categories.length === 0 && i % 50 === 0 ? (['abuse'] as CategoryId[]) : []));
    const chosen = chooseFlaggingCuts(examples, probs, base, { benignCap: 0.1, beta: {} });
    const flaggedBenign = examples.filter(
      (e, i) => e.categories.length === 0 && (base[i]!.length > 0 || breachScore(probs[i]![CATEGORY_IDS.length]!, probs[i]![k]!, 0) >= chosen.breach),
    ).length;
    expect(flaggedBenign).toBeLessThanOrEqual(10);
    expect(flaggedBenign).toBeGreaterThanOrEqual(8);
    expect(chosen.conditional.complaint).toBeLessThanOrEqual(0.8);
  });
});
