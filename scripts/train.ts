/**
 * `npm run train`: rebuilds data/model/model.json from every labelled file in data/labelled (dev,
 * test and the extra-*.jsonl sets, each one writer's voice) and the public corpora in
 * ../shared/datasets.
 *   1. Leave-one-file-out: for each file, heads trained on the other files score it; the model
 *      thresholds (lean/confident per category) are chosen on those out-of-fold predictions, with the
 *      keyword rules in the loop and a capped share of benign mentions flagged (DECISION_OPTIONS in cv-run.ts).
 *   2. The final heads are trained on all files, pruned and quantised; the leave-one-file-out figures
 *      are stored with them as the honest estimate (test.jsonl is training data now).
 * Schools are read with only the fields the classify CLI's school file guarantees (name, aliases,
 * staff). OLID's official test set is never read here. Deterministic: same data, same file.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildResources } from '../shared/classification/engine/resources';
import { defaultRuleSet } from '../shared/classification/keywords/defaults';
import { binaryReport } from '../shared/classification/evaluation/metrics';
import { datasetsAvailable, datasetsDir } from './classification/corpora';
import { flag } from './classification/cli-args';
import { outOfFoldInWorkers, sameExamples } from './classification/fold-jobs';
import { readLabelledFiles, readSchools, repoRoot } from './classification/labelled';
import { labelledExamples } from './classification/labelled-examples';
import { predictLogistic, trainLogistic } from './classification/logistic';
import { featureFrequency, quantiseHead, RECIPE, trainCategoryHeads } from './classification/recipe';
import { formatLeaveOneFileOut, runLeaveOneFileOut, summarise } from './classification/cv-run';
import { modelFile } from './classification/train-linear';
import { OFFENSIVE_HEAD, publicExamples } from './classification/training-data';
import { seededRandom } from './classification/train-linear';
import { encodeVarints } from '../shared/classification/model/linear-model';

const started = Date.now();
const log = (message: string) => process.stderr.write(`[train ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);

// --oof FILE: keep the out-of-fold probabilities in FILE, and reuse them when FILE exists and matches the
// data (for trying decision options without refitting every fold; delete the file after changing the data).
const oofFile = flag(process.argv.slice(2), 'oof');
// --jobs N: the folds in N worker processes (one per core; the model file is the same).
const jobs = Number(flag(process.argv.slice(2), 'jobs') ?? 1);
if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) {
  process.stderr.write('--jobs takes a whole number from 1 to 16.\n');
  process.exit(2);
}

if (!datasetsAvailable()) {
  process.stderr.write(`The public corpora are not at ${datasetsDir}; training needs them (see the README).\n`);
  process.exit(2);
}

const resources = buildResources(defaultRuleSet());
const files = readLabelledFiles();
if (files.length < 2) {
  process.stderr.write('data/labelled needs at least two labelled files (leave-one-file-out).\n');
  process.exit(2);
}
const examples = labelledExamples(resources, files, readSchools({ cliFields: true }));
log(`labelled: ${examples.length} mentions in ${files.length} files (${files.map((f) => `${f.name} ${f.rows.length}`).join(', ')})`);
const publicSets = publicExamples(resources);
log(`public examples: ${Object.entries(publicSets).map(([h, e]) => `${h} ${e.length}`).join(', ')}`);

let outOfFold: Float64Array[] | undefined;
const reused = oofFile !== undefined && existsSync(oofFile);
if (reused) {
  const saved = JSON.parse(readFileSync(oofFile, 'utf8')) as { ids: string[]; probabilities: number[][] };
  if (!sameExamples(saved.ids, examples)) {
    process.stderr.write(`${oofFile} was saved for other labelled data; delete it to recompute.\n`);
    process.exit(2);
  }
  outOfFold = saved.probabilities.map((p) => Float64Array.from(p));
  log(`out-of-fold probabilities reused from ${oofFile}`);
}
if (!outOfFold && jobs > 1) {
  log(`leave-one-file-out folds in ${jobs} worker processes`);
  outOfFold = await outOfFoldInWorkers(examples, jobs);
}
const cv = runLeaveOneFileOut(examples, publicSets, log, outOfFold);
if (oofFile && !reused) writeFileSync(oofFile, JSON.stringify({ ids: examples.map((e) => e.id), probabilities: cv.probabilities.map((p) => [...p]) }));
process.stderr.write(`${formatLeaveOneFileOut(cv)}\n`);

const frequency = featureFrequency(examples);
const quantised = trainCategoryHeads(examples, publicSets).map((h) => quantiseHead(h, RECIPE.keepPerHead, frequency));
log('final category heads trained on every labelled file');

// The offensive head (OLID level A): trained on OLID's training set, threshold on a held-back tenth.
const olid = (publicSets[OFFENSIVE_HEAD] ?? []).map((e) => ({ features: e.features, label: e.label, weight: 1 }));
const holdOut = seededRandom(7);
const validation = olid.map(() => holdOut() < 0.1);
const olidOptions = { c: 0.1, maxIterations: RECIPE.maxIterations, tolerance: RECIPE.tolerance };
const validationHead = trainLogistic(OFFENSIVE_HEAD, olid.filter((_, i) => !validation[i]), olidOptions);
let offensiveThreshold = 0.5;
let bestF1 = -1;
for (let step = 0; step <= 24; step++) {
  const t = Math.round((0.2 + step * 0.025) * 1000) / 1000;
  const pairs = olid.filter((_, i) => validation[i]).map((e) => ({ truth: e.label === 1, predicted: predictLogistic(validationHead, e.features) >= t }));
  const macro = binaryReport(pairs).macroF1;
  if (macro > bestF1 + 1e-12) {
    bestF1 = macro;
    offensiveThreshold = t;
  }
}
log(`offensive head: threshold ${offensiveThreshold} (OLID training hold-out macro-F1 ${bestF1.toFixed(3)})`);
quantised.push(quantiseHead(trainLogistic(OFFENSIVE_HEAD, olid, olidOptions), RECIPE.keepPerHead, featureFrequency(olid)));

const heads = quantised.map((q) => ({
  name: q.head.name,
  bias: q.head.bias,
  scale: q.scale,
  buckets: Buffer.from(encodeVarints(q.buckets)).toString('base64'),
  weights: Buffer.from(Int8Array.from(q.steps).buffer).toString('base64'),
}));
const thresholds: Record<string, { lean: number; confident: number }> = { ...cv.cuts, [OFFENSIVE_HEAD]: { lean: offensiveThreshold, confident: offensiveThreshold } };
let fingerprint = 0x811c9dc5;
for (const h of heads) for (const s of [h.buckets, h.weights, String(h.bias), JSON.stringify(thresholds[h.name] ?? null)]) for (let i = 0; i < s.length; i++) fingerprint = Math.imul(fingerprint ^ s.charCodeAt(i), 0x01000193);
for (const c of JSON.stringify(cv.flagging)) fingerprint = Math.imul(fingerprint ^ c.charCodeAt(0), 0x01000193);
const version = `model-lofo-${examples.length}-${(fingerprint >>> 0).toString(16).padStart(8, '0')}`;
const file = modelFile(version, heads, thresholds, {
  labelledFiles: Object.fromEntries(files.map((f) => [f.name, f.rows.length])),
  publicExamples: Object.fromEntries(Object.entries(publicSets).map(([h, e]) => [h, e.length])),
  recipe: RECIPE,
  leaveOneFileOut: summarise(cv.nested.pooled),
  leaveOneFileOutFilesRulesNotWrittenOn: summarise(cv.nested.pooledOtherWriters),
  leaveOneFileOutShippedThresholds: summarise(cv.shipped.pooled),
  leaveOneFileOutPerCategoryDecisionsOnly: summarise(cv.nestedPerCategory.pooled),
  leaveOneFileOutPerFile: Object.fromEntries(cv.nested.perFile.map((f) => [f.file, summarise(f.report)])),
  rulesOnly: summarise(cv.rulesOnly.pooled),
}, cv.flagging);
const out = path.join(repoRoot, 'data/model/model.json');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(file, null, 1)}\n`);
log(`wrote ${path.relative(repoRoot, out)} (${(JSON.stringify(file).length / 1024).toFixed(0)} KB), version ${version}`);
