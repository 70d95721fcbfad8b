/**
 * One of `npm run train -- --jobs N`'s worker processes: computes the leave-one-file-out folds of the
 * files whose index (in filesOf order) is `shard` mod `of`, and writes their out-of-fold
 * probabilities (null for the other examples) as JSON to `out`. Same data, same recipe and same
 * arithmetic as the single-process run, so the merged probabilities are identical to it.
 *   tsx scripts/classification/fold-worker.ts <shard> <of> <out>
 */
import { writeFileSync } from 'node:fs';
import { buildResources } from '../../shared/classification/engine/resources';
import { defaultRuleSet } from '../../shared/classification/keywords/defaults';
import { filesOf, leaveOneFileOut } from './cross-validate';
import { readLabelledFiles, readSchools } from './labelled';
import { labelledExamples } from './labelled-examples';
import { fitShipped } from './recipe';
import { publicExamples } from './training-data';

const [shardArg, ofArg, out] = process.argv.slice(2);
const shard = Number(shardArg);
const of = Number(ofArg);
if (!out || !Number.isInteger(shard) || !Number.isInteger(of) || of < 1 || shard < 0 || shard >= of) {
  process.stderr.write('usage: fold-worker.ts <shard> <of> <out.json>\n');
  process.exit(2);
}
const resources = buildResources(defaultRuleSet());
const examples = labelledExamples(resources, readLabelledFiles(), readSchools({ cliFields: true }));
const fit = fitShipped(publicExamples(resources));
const mine = (_file: string, index: number) => index % of === shard;
const files = filesOf(examples);
const scored = leaveOneFileOut(examples, fit, (m) => process.stderr.write(`[fold worker ${shard}/${of}] ${m}\n`), mine);
const probabilities = examples.map((e, i) => (mine(e.file, files.indexOf(e.file)) ? [...scored[i]!] : null));
writeFileSync(out, JSON.stringify({ ids: examples.map((e) => e.id), probabilities }));
