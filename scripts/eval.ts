/**
 * `npm run eval`: the classifier's figures on (a) our labelled sets in data/labelled and (b) the
 * public corpora in ../shared/datasets. The shipped model is trained on every labelled file, so the
 * per-set figures are in-sample; the honest estimate is leave-one-file-out (each file scored by a
 * model trained on the others), stored by `npm run train` and shown first, or re-run with --cv.
 * Options: --cv (run leave-one-file-out now, ~30 s, then stop; --rules adds each keyword rule's
 * precision by writer), --sealed (score data/sealed, an independent annotator's set that nothing is
 * trained or tuned on, with CLI-shaped school files, then stop), --no-public,
 * --limit <n> (rows per public corpus).
 */
import { buildResources } from '../shared/classification/engine/resources';
import { defaultRuleSet } from '../shared/classification/keywords/defaults';
import { bundledModel } from '../shared/classification/model/load';
import { datasetsAvailable, datasetsDir } from './classification/corpora';
import { evaluateLabelled, formatLabelled } from './classification/eval-labelled';
import { evaluatePublic, formatPublic } from './classification/eval-public';
import path from 'node:path';
import { readJsonl, readLabelled, readSchools, repoRoot } from './classification/labelled';
import { pct, table } from './classification/table';
import { runCrossValidationCommand } from './classification/cv-command';

const args = process.argv.slice(2);
const limitAt = args.indexOf('--limit');
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : Infinity;
const out = (s: string) => process.stdout.write(`${s}\n`);

if (args.includes('--cv')) {
  await runCrossValidationCommand(out, { rules: args.includes('--rules') });
  process.exit(0);
}
const model = bundledModel();
const resources = buildResources(defaultRuleSet(), { model });
if (args.includes('--sealed')) {
  const sealedDir = path.join(repoRoot, 'data/sealed');
  const rows = readJsonl(path.join(sealedDir, 'blind.jsonl'));
  const sealedSchools = readSchools({ dir: path.join(sealedDir, 'schools'), cliFields: true });
  out(formatLabelled('sealed set (independent annotator; never trained or tuned on)', evaluateLabelled(resources, rows, sealedSchools)));
  process.exit(0);
}
const schools = readSchools();
out(`Model ${model.version}; keyword lists: data/keywords (${resources.rules.ruleCount} rules)\n`);

const cv = model.trainedOn.leaveOneFileOut as
  | { macroF1: number; benignFlagged: number; breachesFlagged: number; threatRecall: number; safeguardingRecall: number }
  | undefined;
if (cv) {
  out('Leave-one-file-out, measured by npm run train (rules + model; each file scored by heads trained on the other files, thresholds chosen on the other files):');
  out(
    table(
      ['macro-F1', 'breaches flagged', 'threat as threat', 'safeguarding as safeguarding', 'benign flagged'],
      [[cv.macroF1.toFixed(3), pct(cv.breachesFlagged), pct(cv.threatRecall), pct(cv.safeguardingRecall), pct(cv.benignFlagged)]],
    ),
  );
  out('');
}
const TITLES = {
  dev: 'dev.jsonl (in-sample: the model is trained on it)',
  extra: 'extra-*.jsonl (in-sample: the model is trained on them)',
  test: 'test.jsonl (in-sample since the model is trained on every labelled file; see leave-one-file-out above)',
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

