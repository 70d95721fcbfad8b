/**
 * The keyword rules an administrator can tune, one list per category: words, stems, wildcards,
 * phrases and regular expressions with weights, optional context ("only near a named member of staff"),
 * and exceptions ("photo shoot", "killing it") that cancel a match. A category is raised when the
 * weights of the distinct rules that match reach its threshold (1 by default), so a strong rule
 * (weight 1) flags on its own and two weaker ones (0.5 each) flag together.
 */
import * as z from 'zod';
import { CATEGORY_IDS, type CategoryId } from '../../domain/policy';

export const RULE_KINDS = ['word', 'stem', 'wildcard', 'phrase', 'regex'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/**
 * What a rule can require nearby. person = anyone described (a member of staff, a pupil, "that
 * woman"); staff / pupil = just those, named or not ("a teacher", "my son"); named = a particular
 * person: a member of staff by name or unique role ("Mr Lloyd", "the SENCO"), a pupil by name, year
 * group or class ("a girl in 10B"); school = the school's name, an alias or "the school"; you = the
 * reader addressed directly ("you", "u", "ur").
 */
export const ANCHORS = ['person', 'staff', 'pupil', 'named', 'school', 'you'] as const;
export type Anchor = (typeof ANCHORS)[number];

const ruleId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'a rule id uses lower-case letters, digits, dots, dashes (e.g. threat.kill-you)');

export const RuleSchema = z.object({
  id: ruleId,
  kind: z.enum(RULE_KINDS),
  pattern: z.string().trim().min(1).max(600, 'a pattern is at most 600 characters'),
  /** Negative weights count against the category (e.g. "awareness" for safeguarding talks). */
  weight: z.number().min(-5).max(5).default(1),
  /** The rule only counts with one of these within `within` words of the match. */
  near: z.array(z.enum(ANCHORS)).min(1).optional(),
  within: z.number().int().min(1).max(40).default(8),
  /** What the match means, in words for senior leaders (shown in alerts). */
  label: z.string().max(160).optional(),
});
export type Rule = z.infer<typeof RuleSchema>;
export type RuleInput = z.input<typeof RuleSchema>;

export const ExceptionSchema = z.object({
  id: ruleId,
  /** Phrase syntax: a match of any rule of this category inside this phrase is cancelled. */
  pattern: z.string().trim().min(1).max(600),
  note: z.string().max(160).optional(),
});
export type RuleException = z.infer<typeof ExceptionSchema>;

export const CategoryRulesSchema = z.object({
  category: z.enum(CATEGORY_IDS),
  threshold: z.number().positive().max(10).default(1),
  rules: z.array(RuleSchema).max(2_000).default([]),
  exceptions: z.array(ExceptionSchema).max(1_000).default([]),
  /** In a school's override: ids of global rules and exceptions switched off for that school. */
  disabledIds: z.array(ruleId).default([]),
});
export type CategoryRules = z.infer<typeof CategoryRulesSchema>;
export type CategoryRulesInput = z.input<typeof CategoryRulesSchema>;

/** A stored list: the rules plus who changed it last and its version number. */
export const VersionedCategoryRulesSchema = CategoryRulesSchema.extend({
  version: z.number().int().min(0),
  updatedBy: z.string().min(1),
  updatedAt: z.string().min(1),
});
export type VersionedCategoryRules = z.infer<typeof VersionedCategoryRulesSchema>;

/** A whole set: one list per category (a school's set may leave categories out). */
export type RuleSet = Partial<Record<CategoryId, CategoryRules>>;

export const emptyCategoryRules = (category: CategoryId): CategoryRules => ({
  category,
  threshold: 1,
  rules: [],
  exceptions: [],
  disabledIds: [],
});
