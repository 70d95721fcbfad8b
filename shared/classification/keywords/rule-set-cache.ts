/**
 * What a running classifier uses as its keyword lists: the global lists (stored, or the bundled
 * defaults for a category nobody has edited) merged with the school's overrides. Lists are re-read
 * at most once a minute per school, so an administrator's change reaches every running Lambda within
 * a minute; compiled rules are reused while the versions are unchanged.
 */
import { CATEGORY_IDS, type CategoryId } from '../../domain/policy';
import type { Clock } from '../../domain/ports';
import { mergeRuleSets } from '../rules/compile';
import type { CategoryRules, RuleSet, VersionedCategoryRules } from '../rules/schema';
import { buildResources, type ClassifierResources } from '../engine/resources';
import type { LinearModel } from '../model/linear-model';
import { GLOBAL_SCOPE, type KeywordStore } from './store';

export const RULES_TTL_MS = 60_000;

const strip = (list: VersionedCategoryRules): CategoryRules => ({
  category: list.category,
  threshold: list.threshold,
  rules: list.rules,
  exceptions: list.exceptions,
  disabledIds: list.disabledIds,
});

/** The effective global list per category: stored if saved, else the bundled default. */
export const effectiveGlobal = (stored: Partial<Record<CategoryId, VersionedCategoryRules>>, defaults: RuleSet): RuleSet =>
  Object.fromEntries(
    CATEGORY_IDS.flatMap((c) => {
      const list = stored[c] ? strip(stored[c]) : defaults[c];
      return list ? [[c, list]] : [];
    }),
  ) as RuleSet;

export const versionKey = (
  global: Partial<Record<CategoryId, VersionedCategoryRules>>,
  school: Partial<Record<CategoryId, VersionedCategoryRules>>,
): string => {
  const part = (lists: Partial<Record<CategoryId, VersionedCategoryRules>>) =>
    CATEGORY_IDS.filter((c) => lists[c])
      .map((c) => `${c}@${lists[c]!.version}`)
      .join(',');
  return `global[${part(global) || 'defaults'}] school[${part(school)}]`;
};

interface Entry {
  loadedAt: number;
  key: string;
  resources: ClassifierResources;
}

export class ClassifierCache {
  private readonly bySchool = new Map<string, Entry>();
  private global: { loadedAt: number; lists: Partial<Record<CategoryId, VersionedCategoryRules>> } | undefined;

  constructor(
    private readonly store: KeywordStore,
    /** defaults and model are functions so that a cold start does not pay for them before the first mention. */
    private readonly options: { defaults: () => RuleSet; clock: Clock; model?: () => LinearModel; ttlMs?: number },
  ) {}

  private get ttl(): number {
    return this.options.ttlMs ?? RULES_TTL_MS;
  }

  private async globalLists(now: number) {
    if (!this.global || now - this.global.loadedAt >= this.ttl) {
      this.global = { loadedAt: now, lists: await this.store.getScope(GLOBAL_SCOPE) };
    }
    return this.global.lists;
  }

  /** The compiled classifier resources for a school, at most a minute old. */
  async resourcesFor(schoolId: string): Promise<ClassifierResources> {
    const now = this.options.clock.now().getTime();
    const cached = this.bySchool.get(schoolId);
    if (cached && now - cached.loadedAt < this.ttl) return cached.resources;
    const global = await this.globalLists(now);
    const school = await this.store.getScope(schoolId);
    const key = versionKey(global, school);
    if (cached && cached.key === key) {
      cached.loadedAt = now;
      return cached.resources;
    }
    const schoolSet = Object.fromEntries(Object.entries(school).map(([c, l]) => [c, strip(l)])) as RuleSet;
    const resources = buildResources(mergeRuleSets(effectiveGlobal(global, this.options.defaults()), schoolSet), {
      model: this.options.model?.(),
      keywordVersion: key,
    });
    this.bySchool.set(schoolId, { loadedAt: now, key, resources });
    return resources;
  }
}
