import { describe, expect, it } from 'vitest';
import type { CategoryId } from '../../../shared/domain/policy';
import { CATEGORY_IDS } from '../../../shared/domain/policy';
import { chooseModelCuts, raises } from '../../../scripts/classification/choose-thresholds';
import { leaveOneFileOut } from '../../../scripts/classification/cross-validate';
import type { LabelledExample } from '../../../scripts/classification/labelled-examples';
import { naiveBayesScale, predictLogistic, trainLogistic, type Example } from '../../../scripts/classification/logistic';
import { quantiseHead } from '../../../scripts/classification/recipe';
import { auditRules } from '../../../scripts/classification/rule-audit';

const features = (...ids: number[]) => Uint32Array.from(ids).sort();

/** Feature 1 marks positives, 2 negatives; 3 is noise on everything. */
const toy = (): Example[] => [
  ...Array.from({ length: 20 }, () => ({ features: features(1, 3), label: 1 as const, weight: 1 })),
  ...Array.from({ length: 40 }, () => ({ features: features(2, 3), label: 0 as const, weight: 1 })),
];

const example = (file: string, categories: CategoryId[], ruleScore = 0): LabelledExample => ({
  file,
  id: `${file}-${Math.random()}`,
  text: '',
  categories,
  features: features(CATEGORY_IDS.indexOf(categories[0] ?? 'threat') + (categories.length ? 10 : 100)),
  ruleScores: Float64Array.from(CATEGORY_IDS, () => ruleScore),
  vetoed: new Uint8Array(CATEGORY_IDS.length),
  ruleIds: CATEGORY_IDS.map(() => []),
});

describe('L2 logistic regression', () => {
  it('separates a toy problem, and gives the same weights when trained twice', () => {
    const a = trainLogistic('toy', toy(), { c: 1, maxIterations: 200, tolerance: 1e-6 });
    const b = trainLogistic('toy', toy(), { c: 1, maxIterations: 200, tolerance: 1e-6 });
    expect(predictLogistic(a, features(1, 3))).toBeGreaterThan(0.8);
    expect(predictLogistic(a, features(2, 3))).toBeLessThan(0.2);
    expect(Array.from(a.weights.subarray(0, 4))).toEqual(Array.from(b.weights.subarray(0, 4)));
    expect(a.bias).toBe(b.bias);
  });

  it('shrinks weights harder as C falls (stronger regularisation)', () => {
    const loose = trainLogistic('toy', toy(), { c: 10, maxIterations: 200, tolerance: 1e-6 });
    const tight = trainLogistic('toy', toy(), { c: 0.01, maxIterations: 200, tolerance: 1e-6 });
    expect(Math.abs(tight.weights[1]!)).toBeLessThan(Math.abs(loose.weights[1]!) / 3);
  });

  it('scales features by their naive-Bayes log-count ratio: discriminating features weigh more, noise is floored', () => {
    const scale = naiveBayesScale(toy(), 1, 0.25);
    expect(scale(1)).toBeGreaterThan(1);
    expect(scale(2)).toBeGreaterThan(1);
    expect(scale(3)).toBe(0.25);
    expect(scale(99)).toBe(0.25);
    const plain = trainLogistic('toy', toy(), { c: 0.05, maxIterations: 200, tolerance: 1e-6 });
    const scaled = trainLogistic('toy', toy(), { c: 0.05, maxIterations: 200, tolerance: 1e-6, featureScale: scale });
    // The returned weights carry the scale, so prediction needs nothing extra; the penalty is weaker
    // on the discriminating feature, so it ends up further from zero and the noise feature nearer.
    expect(Math.abs(scaled.weights[1]!)).toBeGreaterThan(Math.abs(plain.weights[1]!));
    expect(Math.abs(scaled.weights[3]!)).toBeLessThan(Math.abs(plain.weights[3]!));
    expect(predictLogistic(scaled, features(1, 3))).toBeGreaterThan(predictLogistic(plain, features(1, 3)));
  });

  it('keeps only the strongest weights when quantising, each within half a step of the trained value', () => {
    const head = trainLogistic('toy', toy(), { c: 1, maxIterations: 200, tolerance: 1e-6 });
    const q = quantiseHead(head, 2);
    expect(q.buckets).toHaveLength(2);
    expect(q.buckets).not.toContain(3);
    for (const b of q.buckets) expect(Math.abs(q.head.weights[b]! - head.weights[b]!)).toBeLessThanOrEqual(q.scale / 2 + 1e-9);
  });
});

describe('leave-one-file-out', () => {
  it('scores each file with a model trained without any mention of that file', () => {
    const examples = ['a', 'b', 'c'].flatMap((file) => [example(file, ['threat']), example(file, [])]);
    const trainedOn: string[][] = [];
    const probabilities = leaveOneFileOut(examples, (train) => {
      const files = [...new Set(train.map((e) => e.file))].sort();
      trainedOn.push(files);
      return () => Float64Array.from(CATEGORY_IDS, () => files.length);
    });
    expect(trainedOn).toEqual([
      ['b', 'c'],
      ['a', 'c'],
      ['a', 'b'],
    ]);
    expect(probabilities.every((p) => p[0] === 2)).toBe(true);
  });
});

describe('choosing the model thresholds', () => {
  it('tightens categories until no more than the benign cap of benign mentions is flagged', () => {
    // The model gives every complaint 0.6 but also gives 30 of 100 benign mentions 0.6: F1 alone would flag them.
    const examples = [
      ...Array.from({ length: 40 }, () => example('a', ['complaint'])),
      ...Array.from({ length: 100 }, () => example('a', [])),
    ];
    const k = CATEGORY_IDS.indexOf('complaint');
    const probabilities = examples.map((e, i) => {
      const p = new Float64Array(CATEGORY_IDS.length);
      p[k] = e.categories.length > 0 ? (i % 4 === 0 ? 0.9 : 0.6) : i % 10 < 3 ? 0.6 : 0.05;
      return p;
    });
    const loose = chooseModelCuts(examples, probabilities, { benignCap: 1, beta: {} });
    const strict = chooseModelCuts(examples, probabilities, { benignCap: 0.05, beta: {} });
    const benignFlagged = (cut: { lean: number; confident: number }) =>
      examples.filter((e, i) => e.categories.length === 0 && raises(0, false, probabilities[i]![k]!, cut)).length;
    expect(benignFlagged(loose.complaint)).toBe(30);
    expect(benignFlagged(strict.complaint)).toBeLessThanOrEqual(5);
    expect(examples.filter((e, i) => e.categories.length > 0 && raises(0, false, probabilities[i]![k]!, strict.complaint)).length).toBe(10);
  });

  it('lets threat spend its own benign budget while the other categories keep the common cap', () => {
    // Threats and complaints both look like 30 of 100 benign mentions (different ones) at 0.6.
    const examples = [
      ...Array.from({ length: 40 }, () => example('a', ['threat'])),
      ...Array.from({ length: 40 }, () => example('a', ['complaint'])),
      ...Array.from({ length: 100 }, () => example('a', [])),
    ];
    const t = CATEGORY_IDS.indexOf('threat');
    const c = CATEGORY_IDS.indexOf('complaint');
    const probabilities = examples.map((e, i) => {
      const p = new Float64Array(CATEGORY_IDS.length);
      const b = i - 80;
      if (e.categories[0] === 'threat') p[t] = i % 4 === 0 ? 0.9 : 0.6;
      else if (e.categories[0] === 'complaint') p[c] = i % 4 === 0 ? 0.9 : 0.6;
      else if (b % 10 < 3) p[t] = 0.6;
      else if (b % 10 < 6) p[c] = 0.6;
      return p;
    });
    const shared = chooseModelCuts(examples, probabilities, { benignCap: 0.05, beta: {} });
    const budgeted = chooseModelCuts(examples, probabilities, { benignCap: 0.05, beta: {}, ownBudget: { threat: 0.3 } });
    const benignFlagged = (k: number, cut: { lean: number; confident: number }) =>
      examples.filter((e, i) => e.categories.length === 0 && raises(0, false, probabilities[i]![k]!, cut)).length;
    expect(benignFlagged(t, shared.threat) + benignFlagged(c, shared.complaint)).toBeLessThanOrEqual(5);
    expect(benignFlagged(t, budgeted.threat)).toBe(30);
    expect(benignFlagged(c, budgeted.complaint)).toBeLessThanOrEqual(5);
  });

  it('lets a weak keyword rule (half a vote) and a leaning model raise a category together, but neither alone', () => {
    const cut = { lean: 0.4, confident: 0.8 };
    expect(raises(0.5, false, 0.5, cut)).toBe(true);
    expect(raises(0.5, false, 0.3, cut)).toBe(false);
    expect(raises(0, false, 0.5, cut)).toBe(false);
    expect(raises(0, false, 0.85, cut)).toBe(true);
    expect(raises(0, true, 0.99, cut)).toBe(false);
  });
});

describe('the rule audit', () => {
  it("counts a rule's precision separately on the files the lists were written on and on other writers' files", () => {
    const withRule = (file: string, categories: CategoryId[]) => {
      const e = example(file, categories);
      return { ...e, ruleIds: CATEGORY_IDS.map((c) => (c === 'threat' ? ['threat.knife'] : [])) };
    };
    const tallies = auditRules([withRule('dev', ['threat']), withRule('extra-dsl', ['threat']), withRule('extra-dsl', []), withRule('extra-stream', [])]);
    expect(tallies).toEqual([
      { category: 'threat', id: 'threat.knife', firings: 3, right: 1, benign: 2, firingsWrittenOn: 1, rightWrittenOn: 1 },
    ]);
  });
});
