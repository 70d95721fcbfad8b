/**
 * `npm run train`: rebuilds data/model/model.json from the labelled tuning set (data/labelled/dev.jsonl
 * plus the extra-*.jsonl sets; never test.jsonl) and the public corpora in ../shared/datasets.
 * Five-fold cross-validation on the tuning set picks each category's model thresholds from
 * out-of-fold predictions; the final heads are then trained on all of it. OLID's official test set is
 * never read here. Deterministic (seeded).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CATEGORY_IDS, type CategoryId } from '../shared/domain/policy';
import { analyse } from '../shared/classification/engine/classifier';
import { buildResources } from '../shared/classification/engine/resources';
import { defaultRuleSet } from '../shared/classification/keywords/defaults';
import { NO_SCHOOL } from '../shared/classification/school';
import { evaluate } from '../shared/classification/evaluation/metrics';
import { datasetsAvailable, datasetsDir } from './classification/corpora';
import { readLabelled, readSchools, repoRoot } from './classification/labelled';
import { compressHead, DEFAULT_TRAIN_OPTIONS, modelFile, predictHead, seededRandom, trainHead } from './classification/train-linear';
import { headExamples, OFFENSIVE_HEAD, publicExamples, type DevExample } from './classification/training-data';
import { chooseThresholds, decide, type DevDecisionInput } from './classification/thresholds';

const FOLDS = 5;
const KEEP_PER_HEAD = 5000;
const started = Date.now();
const log = (message: string) => process.stderr.write(`[train ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);

if (!datasetsAvailable()) {
  process.stderr.write(`The public corpora are not at ${datasetsDir}; training needs them (see the README).\n`);
  process.exit(2);
}

const resources = buildResources(defaultRuleSet());
const schools = readSchools();
// The tuning set: dev.jsonl plus the extra labelled sets (never test.jsonl).
const rows = readLabelled('tuning');
if (rows.length === 0) {
  process.stderr.write('data/labelled/dev.jsonl is empty: nothing to train the category heads on.\n');
  process.exit(2);
}
log(`tuning set (dev + extra sets): ${rows.length} mentions`);

const dev: DevExample[] = [];
const ruleOnly: { scores: Record<CategoryId, number>; cancelled: ReadonlySet<CategoryId>; ruled: ReadonlySet<CategoryId> }[] = [];
for (const row of rows) {
  const a = analyse(resources, schools.get(row.school) ?? NO_SCHOOL, row.text);
  const scores = Object.fromEntries(CATEGORY_IDS.map((c) => [c, 0])) as Record<CategoryId, number>;
  for (const w of a.weighted) scores[w.category] += w.weight;
  dev.push({ id: row.id, categories: row.categories, features: a.features() });
  ruleOnly.push({ scores, cancelled: a.cancelled, ruled: a.ruled });
}
log('dev featurised; reading public corpora');
const publicSets = publicExamples(resources);
log(`public examples: ${Object.entries(publicSets).map(([h, e]) => `${h} ${e.length}`).join(', ')}`);

// Out-of-fold probabilities for every dev item and category.
const random = seededRandom(DEFAULT_TRAIN_OPTIONS.seed);
const foldOf = dev.map(() => Math.floor(random() * FOLDS));
const oof = CATEGORY_IDS.map(() => new Float64Array(dev.length));
for (let fold = 0; fold < FOLDS; fold++) {
  const trainPart = dev.filter((_, i) => foldOf[i] !== fold);
  CATEGORY_IDS.forEach((category, k) => {
    const head = trainHead(category, headExamples(category, trainPart, publicSets));
    dev.forEach((d, i) => {
      if (foldOf[i] === fold) oof[k]![i] = predictHead(head, d.features);
    });
  });
  log(`fold ${fold + 1}/${FOLDS} done`);
}

const thresholds: Record<string, { lean: number; confident: number }> = {};
const decisionInputs = (k: number, category: CategoryId): DevDecisionInput[] =>
  dev.map((d, i) => ({
    ruleScore: ruleOnly[i]!.scores[category],
    vetoed: ruleOnly[i]!.cancelled.has(category) && !ruleOnly[i]!.ruled.has(category),
    probability: oof[k]![i]!,
    truth: d.categories.includes(category),
    benign: d.categories.length === 0,
  }));
CATEGORY_IDS.forEach((category, k) => {
  const choice = chooseThresholds(category, decisionInputs(k, category));
  thresholds[category] = { lean: choice.lean, confident: choice.confident };
});

const report = (withModel: boolean) =>
  evaluate(
    dev.map((d, i) => ({
      id: d.id,
      truth: d.categories,
      predicted: CATEGORY_IDS.filter((category, k) => {
        const x = decisionInputs(k, category)[i]!;
        return withModel ? decide(x, thresholds[category]!.lean, thresholds[category]!.confident) : x.ruleScore >= 1 - 1e-9;
      }),
    })),
  );
const rulesOnly = report(false);
const crossValidated = report(true);
log(`dev rules only: macro-F1 ${rulesOnly.macroF1.toFixed(3)}, benign flagged ${(rulesOnly.benignFlagged * 100).toFixed(1)}%`);
log(`dev rules + model (out-of-fold): macro-F1 ${crossValidated.macroF1.toFixed(3)}, benign flagged ${(crossValidated.benignFlagged * 100).toFixed(1)}%`);

// Final heads on all of dev; the offensive head on OLID's training set, its threshold on a held-back tenth.
const heads = CATEGORY_IDS.map((category) => trainHead(category, headExamples(category, dev, publicSets)));
const olidExamples = (publicSets[OFFENSIVE_HEAD] ?? []).map((e) => ({ features: e.features, label: e.label, weight: 1 }));
const holdOut = seededRandom(7);
const validationMask = olidExamples.map(() => holdOut() < 0.1);
const validationHead = trainHead(OFFENSIVE_HEAD, olidExamples.filter((_, i) => !validationMask[i]));
let bestThreshold = 0.5;
let bestF1 = -1;
for (let t = 0.2; t <= 0.8; t += 0.025) {
  const pairs = olidExamples.filter((_, i) => validationMask[i]).map((e) => ({ truth: e.label === 1, predicted: predictHead(validationHead, e.features) >= t }));
  const f = (tp: number, fp: number, fn: number) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
  const c = (t1: boolean, p1: boolean) => pairs.filter((p) => p.truth === t1 && p.predicted === p1).length;
  const macro = (f(c(true, true), c(false, true), c(true, false)) + f(c(false, false), c(true, false), c(false, true))) / 2;
  if (macro > bestF1) {
    bestF1 = macro;
    bestThreshold = Math.round(t * 1000) / 1000;
  }
}
thresholds[OFFENSIVE_HEAD] = { lean: bestThreshold, confident: bestThreshold };
log(`offensive head: threshold ${bestThreshold} (OLID train hold-out macro-F1 ${bestF1.toFixed(3)})`);
heads.push(trainHead(OFFENSIVE_HEAD, olidExamples));

const version = `model-${new Date().toISOString().slice(0, 10)}-dev${rows.length}`;
const summary = (r: typeof rulesOnly) => ({
  macroF1: Number(r.macroF1.toFixed(3)),
  breachesFlagged: Number(r.breachesFlagged.toFixed(3)),
  benignFlagged: Number(r.benignFlagged.toFixed(3)),
  perCategory: Object.fromEntries(r.perCategory.map((m) => [m.category, { p: Number(m.precision.toFixed(2)), r: Number(m.recall.toFixed(2)), f1: Number(m.f1.toFixed(2)) }])),
});
const file = modelFile(
  version,
  heads.map((h) => compressHead(h, KEEP_PER_HEAD)),
  thresholds,
  {
    devMentions: rows.length,
    publicExamples: Object.fromEntries(Object.entries(publicSets).map(([h, e]) => [h, e.length])),
    options: DEFAULT_TRAIN_OPTIONS,
    keepPerHead: KEEP_PER_HEAD,
    devRulesOnly: summary(rulesOnly),
    devCrossValidated: summary(crossValidated),
  },
);
const out = path.join(repoRoot, 'data/model/model.json');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(file, null, 1)}\n`);
log(`wrote ${path.relative(repoRoot, out)} (${(JSON.stringify(file).length / 1024).toFixed(0)} KB)`);
for (const m of crossValidated.perCategory) {
  log(`  ${m.category.padEnd(15)} cv P ${m.precision.toFixed(2)} R ${m.recall.toFixed(2)} F1 ${m.f1.toFixed(2)}  thresholds ${thresholds[m.category]!.lean}/${thresholds[m.category]!.confident}`);
}
