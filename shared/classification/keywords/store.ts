/**
 * The port for stored keyword lists: one list per category and scope (the global defaults, or one
 * school's overrides), each save a new numbered version with who, when and what changed. Adapters:
 * DynamoDB (shared/platform/dynamo-keyword-store.ts) and plain files for the CLI without a table.
 */
import * as z from 'zod';
import { CATEGORY_IDS, type CategoryId } from '../../domain/policy';
import type { CategoryRules, VersionedCategoryRules } from '../rules/schema';

export { GLOBAL_SCOPE } from '../../platform/keys';

export const KeywordChangeSchema = z.object({
  by: z.string().min(1),
  at: z.string().min(1),
  summary: z.string(),
  added: z.array(z.string()).default([]),
  removed: z.array(z.string()).default([]),
  changed: z.array(z.string()).default([]),
});
export type KeywordChange = z.infer<typeof KeywordChangeSchema>;

export interface KeywordVersion {
  readonly version: number;
  readonly change: KeywordChange;
}

export interface KeywordStore {
  /** The current list of one category in one scope, or undefined if never saved there. */
  get(scope: string, category: CategoryId): Promise<VersionedCategoryRules | undefined>;
  /** Every saved category list of a scope. */
  getScope(scope: string): Promise<Partial<Record<CategoryId, VersionedCategoryRules>>>;
  /** Newest first. */
  history(scope: string, category: CategoryId, limit: number): Promise<KeywordVersion[]>;
  /**
   * Saves a new version if the current one is still `expectedVersion` (0 = never saved), else throws
   * a ConflictError: two administrators editing at once never overwrite each other.
   */
  save(scope: string, category: CategoryId, rules: CategoryRules, expectedVersion: number, change: KeywordChange): Promise<VersionedCategoryRules>;
}

export const SCOPE_PATTERN = /^(?:GLOBAL|[a-z0-9][a-z0-9-]{0,62})$/;

export const isCategory = (value: string): value is CategoryId => (CATEGORY_IDS as readonly string[]).includes(value);
