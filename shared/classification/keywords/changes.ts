/**
 * A proposed change to one category's list (add rules or exceptions, remove or switch off rules,
 * change the threshold), applied to the current list to give the next one. Every rule is compiled on
 * the way in, so an unsafe regular expression or a malformed phrase is refused before it is saved,
 * with a message naming the rule.
 */
import * as z from 'zod';
import { CATEGORY_IDS, type CategoryId } from '../../domain/policy';
import { ValidationError } from '../../platform/errors';
import { compileRule, RuleCompileError } from '../rules/compile';
import { parsePhraseAlternatives } from '../rules/pattern';
import { CategoryRulesSchema, ExceptionSchema, RuleSchema, emptyCategoryRules, type CategoryRules } from '../rules/schema';
import { GLOBAL_SCOPE, SCOPE_PATTERN, type KeywordChange } from './store';

export const ProposedChangeSchema = z.object({
  scope: z.string().regex(SCOPE_PATTERN, 'scope is GLOBAL or a school id').default(GLOBAL_SCOPE),
  category: z.enum(CATEGORY_IDS),
  add: z.array(RuleSchema).default([]),
  addExceptions: z.array(ExceptionSchema).default([]),
  /** Ids of rules or exceptions to take out (in a school scope, a global id is switched off for that school). */
  remove: z.array(z.string().min(1)).default([]),
  threshold: z.number().positive().max(10).optional(),
  summary: z.string().max(300).optional(),
});
export type ProposedChange = z.infer<typeof ProposedChangeSchema>;
export type ProposedChangeInput = z.input<typeof ProposedChangeSchema>;

const describe = (change: ProposedChange): string =>
  change.summary ??
  [
    ...change.add.map((r) => `add ${r.kind} "${r.pattern}" (weight ${r.weight})`),
    ...change.addExceptions.map((e) => `add exception "${e.pattern}"`),
    ...change.remove.map((id) => `remove ${id}`),
    ...(change.threshold !== undefined ? [`threshold ${change.threshold}`] : []),
  ].join('; ');

/**
 * The next list for `change.scope`. `current` is that scope's stored list (undefined: never saved;
 * for the global scope pass the bundled defaults), `globalIds` the ids in the global list (used to
 * tell a school's "remove" of a global rule, which switches it off, from removing its own rule).
 */
export const applyChange = (
  current: CategoryRules | undefined,
  change: ProposedChange,
  globalIds: ReadonlySet<string>,
  by: string,
  at: Date,
): { next: CategoryRules; record: KeywordChange } => {
  const category: CategoryId = change.category;
  const base = current ?? emptyCategoryRules(category);
  const removed = new Set(change.remove);
  const known = new Set([...base.rules.map((r) => r.id), ...base.exceptions.map((e) => e.id)]);
  const isSchool = change.scope !== GLOBAL_SCOPE;
  const disabled = new Set(base.disabledIds);
  const unknown = [...removed].filter((id) => !known.has(id) && !(isSchool && globalIds.has(id)));
  if (unknown.length > 0) throw new ValidationError(`No rule or exception with id ${unknown.join(', ')} in ${category} (${change.scope}).`);
  for (const id of removed) if (isSchool && globalIds.has(id) && !known.has(id)) disabled.add(id);

  for (const rule of change.add) {
    try {
      compileRule(rule, category);
    } catch (error) {
      throw new ValidationError(error instanceof RuleCompileError ? error.message : `Rule ${rule.id}: ${(error as Error).message}`, { cause: error });
    }
  }
  for (const exception of change.addExceptions) {
    try {
      parsePhraseAlternatives(exception.pattern);
    } catch (error) {
      throw new ValidationError(`Exception ${exception.id}: ${(error as Error).message}`, { cause: error });
    }
  }
  const addedIds = new Set([...change.add.map((r) => r.id), ...change.addExceptions.map((e) => e.id)]);
  const replaced = [...addedIds].filter((id) => known.has(id) && !removed.has(id));
  const next = CategoryRulesSchema.parse({
    category,
    threshold: change.threshold ?? base.threshold,
    rules: [...base.rules.filter((r) => !removed.has(r.id) && !addedIds.has(r.id)), ...change.add],
    exceptions: [...base.exceptions.filter((e) => !removed.has(e.id) && !addedIds.has(e.id)), ...change.addExceptions],
    disabledIds: [...disabled].filter((id) => !addedIds.has(id)),
  });
  return {
    next,
    record: {
      by,
      at: at.toISOString(),
      summary: describe(change),
      added: [...addedIds].filter((id) => !known.has(id)),
      removed: [...removed],
      changed: [...replaced, ...(change.threshold !== undefined ? ['threshold'] : [])],
    },
  };
};
