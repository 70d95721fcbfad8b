/**
 * `npm run eval`: the classifier's figures on (a) our labelled sets in data/labelled and (b) the
 * public corpora in ../shared/datasets. dev.jsonl and the extra sets are what rules and thresholds
 * were tuned on (and what the model trained on), so their figures are optimistic; the five-fold
 * cross-validated figure from training and test.jsonl are the honest ones.
 * Options: --no-public, --limit <n> (rows per public corpus).
 */
import { buildResources } from '../shared/classification/engine/resources';
import { defaultRuleSet } from '../shared/classification/keywords/defaults';
import { bundledModel } from '../shared/classification/model/load';
import { datasetsAvailable, datasetsDir } from './classification/corpora';
import { evaluateLabelled, formatLabelled } from './classification/eval-labelled';
import { evaluatePublic, formatPublic } from './classification/eval-public';
import { readLabelled, readSchools } from './classification/labelled';
import { table } from './classification/table';

const args = process.argv.slice(2);
const limitAt = args.indexOf('--limit');
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : Infinity;
const out = (s: string) => process.stdout.write(`${s}\n`);

const model = bundledModel();
const resources = buildResources(defaultRuleSet(), { model });
const schools = readSchools();
out(`Model ${model.version}; keyword lists: data/keywords (${resources.rules.ruleCount} rules)\n`);

const cv = model.trainedOn.devCrossValidated as { macroF1: number; benignFlagged: number; breachesFlagged: number } | undefined;
if (cv) {
  out('Tuning set (dev + extra sets), five-fold cross-validated during training (rules + model; the model never saw the fold it scored):');
  out(table(['macro-F1', 'breaches flagged', 'benign flagged'], [[cv.macroF1.toFixed(3), `${(cv.breachesFlagged * 100).toFixed(1)}%`, `${(cv.benignFlagged * 100).toFixed(1)}%`]]));
  out('');
}
const TITLES = {
  dev: 'dev.jsonl (in-sample: rules, thresholds and model were tuned on it)',
  extra: 'extra-*.jsonl (in-sample since they were added to tuning; see the README for their figures before that)',
  test: 'test.jsonl (held out: never used for tuning)',
} as const;
for (const split of ['dev', 'extra', 'test'] as const) {
  const rows = readLabelled(split);
  if (rows.length === 0) {
    out(`== ${split}: no mentions found in data/labelled\n`);
    continue;
  }
  const title = TITLES[split];
  out(formatLabelled(title, evaluateLabelled(resources, rows, schools)));
}

if (args.includes('--no-public')) process.exit(0);
if (!datasetsAvailable()) {
  out(`Public corpora not found at ${datasetsDir}: skipped.`);
  process.exit(0);
}
out('== Public corpora (mapped as in each PROVENANCE.md)');
out(formatPublic(evaluatePublic(resources, limit)));

