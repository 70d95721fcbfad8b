/**
 * The global default keyword lists (data/keywords/<category>.json), bundled with the code so a fresh
 * deployment classifies before anyone has tuned anything, and used to seed the table.
 */
import { CATEGORY_IDS, type CategoryId } from '../../domain/policy';
import { CategoryRulesSchema, type RuleSet } from '../rules/schema';
import threat from '../../../data/keywords/threat.json';
import safeguarding from '../../../data/keywords/safeguarding.json';
import discrimination from '../../../data/keywords/discrimination.json';
import allegation from '../../../data/keywords/allegation.json';
import defamation from '../../../data/keywords/defamation.json';
import abuse from '../../../data/keywords/abuse.json';
import personalData from '../../../data/keywords/personal_data.json';
import investigation from '../../../data/keywords/investigation.json';
import complaint from '../../../data/keywords/complaint.json';
import impersonation from '../../../data/keywords/impersonation.json';

const FILES: Record<CategoryId, unknown> = {
  threat,
  safeguarding,
  discrimination,
  allegation,
  defamation,
  abuse,
  personal_data: personalData,
  investigation,
  complaint,
  impersonation,
};

let parsed: RuleSet | undefined;

/** Parsed once; callers get their own shallow copy, so changing it cannot change the defaults. */
export const defaultRuleSet = (): RuleSet => ({
  ...(parsed ??= Object.fromEntries(CATEGORY_IDS.map((c) => [c, CategoryRulesSchema.parse(FILES[c])])) as RuleSet),
});
