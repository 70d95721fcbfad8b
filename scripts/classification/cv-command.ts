/**
 * `npm run eval -- --cv`: leave-one-file-out on the labelled files with the shipped recipe, printed;
 * with --rules, also each rule's precision by writer (rule-audit.ts).
 */
import { buildResources } from '../../shared/classification/engine/resources';
import { defaultRuleSet } from '../../shared/classification/keywords/defaults';
import { datasetsAvailable } from './corpora';
import { formatLeaveOneFileOut, runLeaveOneFileOut } from './cv-run';
import { readLabelledFiles, readSchools } from './labelled';
import { labelledExamples } from './labelled-examples';
import { RECIPE, type PublicSets } from './recipe';
import { publicExamples } from './training-data';
import { auditRules, formatRuleAudit } from './rule-audit';

export const runCrossValidationCommand = async (out: (s: string) => void, options: { rules?: boolean } = {}): Promise<void> => {
  const started = Date.now();
  const log = (m: string) => process.stderr.write(`[cv ${((Date.now() - started) / 1000).toFixed(1)}s] ${m}\n`);
  const resources = buildResources(defaultRuleSet());
  const files = readLabelledFiles();
  const examples = labelledExamples(resources, files, readSchools({ cliFields: true }));
  log(`${examples.length} labelled mentions in ${files.length} files`);
  const needsPublic = Object.values(RECIPE.publicShare).some((share) => (share ?? 0) > 0);
  const publicSets: PublicSets = needsPublic && datasetsAvailable() ? publicExamples(resources) : {};
  out(formatLeaveOneFileOut(runLeaveOneFileOut(examples, publicSets, log)));
  if (options.rules) out(formatRuleAudit(auditRules(examples)));
};
