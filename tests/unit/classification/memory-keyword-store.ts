/** An in-memory KeywordStore for unit tests (the DynamoDB adapter is tested against dynalite). */
import type { CategoryId } from '../../../shared/domain/policy';
import { ConflictError } from '../../../shared/platform/errors';
import type { KeywordChange, KeywordStore, KeywordVersion } from '../../../shared/classification/keywords/store';
import type { CategoryRules, VersionedCategoryRules } from '../../../shared/classification/rules/schema';

export class MemoryKeywordStore implements KeywordStore {
  readonly lists = new Map<string, VersionedCategoryRules>();
  readonly versions = new Map<string, KeywordVersion[]>();
  reads = 0;

  async get(scope: string, category: CategoryId) {
    this.reads++;
    return this.lists.get(`${scope}/${category}`);
  }

  async getScope(scope: string) {
    this.reads++;
    return Object.fromEntries([...this.lists].filter(([k]) => k.startsWith(`${scope}/`)).map(([k, v]) => [k.split('/')[1], v]));
  }

  async history(scope: string, category: CategoryId, limit: number) {
    return (this.versions.get(`${scope}/${category}`) ?? []).slice(-limit).reverse();
  }

  async save(scope: string, category: CategoryId, rules: CategoryRules, expectedVersion: number, change: KeywordChange) {
    const key = `${scope}/${category}`;
    if ((this.lists.get(key)?.version ?? 0) !== expectedVersion) throw new ConflictError('version moved on');
    const saved = { ...rules, version: expectedVersion + 1, updatedBy: change.by, updatedAt: change.at };
    this.lists.set(key, saved);
    this.versions.set(key, [...(this.versions.get(key) ?? []), { version: saved.version, change }]);
    return saved;
  }
}
