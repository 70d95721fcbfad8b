/**
 * The keyword-list use cases behind the CLI (and, later, an admin screen): read the effective lists,
 * work out what a proposed change would give, and save it as a new version.
 */
import type { CategoryId } from '../../domain/policy';
import type { Clock } from '../../domain/ports';
import { mergeRuleSets } from '../rules/compile';
import type { CategoryRules, RuleSet, VersionedCategoryRules } from '../rules/schema';
import { applyChange, type ProposedChange } from './changes';
import { effectiveGlobal } from './rule-set-cache';
import { GLOBAL_SCOPE, type KeywordChange, type KeywordStore } from './store';

export interface Proposal {
  readonly change: ProposedChange;
  /** The merged lists (global + the scope's school overrides) before and after the change. */
  readonly before: RuleSet;
  readonly after: RuleSet;
  readonly next: CategoryRules;
  readonly record: KeywordChange;
  readonly expectedVersion: number;
}

export class KeywordService {
  constructor(
    private readonly store: KeywordStore,
    private readonly defaults: RuleSet,
    private readonly clock: Clock,
  ) {}

  async globalLists(): Promise<RuleSet> {
    return effectiveGlobal(await this.store.getScope(GLOBAL_SCOPE), this.defaults);
  }

  /** The lists a school's mentions are classified with (global merged with its overrides). */
  async effective(scope: string): Promise<RuleSet> {
    const global = await this.globalLists();
    if (scope === GLOBAL_SCOPE) return global;
    return mergeRuleSets(global, await this.store.getScope(scope));
  }

  /** The stored list of a scope (for the global scope, the bundled default until someone saves one). */
  async current(scope: string, category: CategoryId): Promise<{ list: CategoryRules | undefined; version: number; stored?: VersionedCategoryRules }> {
    const stored = await this.store.get(scope, category);
    if (stored) return { list: stored, version: stored.version, stored };
    return { list: scope === GLOBAL_SCOPE ? this.defaults[category] : undefined, version: 0 };
  }

  async propose(change: ProposedChange, by: string): Promise<Proposal> {
    const { list, version } = await this.current(change.scope, change.category);
    const global = await this.globalLists();
    const globalIds = new Set([...(global[change.category]?.rules ?? []).map((r) => r.id), ...(global[change.category]?.exceptions ?? []).map((e) => e.id)]);
    const { next, record } = applyChange(list, change, globalIds, by, this.clock.now());
    const before = await this.effective(change.scope);
    const after =
      change.scope === GLOBAL_SCOPE
        ? { ...global, [change.category]: next }
        : mergeRuleSets(global, { ...(await this.store.getScope(change.scope)), [change.category]: next });
    return { change, before, after, next, record, expectedVersion: version };
  }

  async apply(proposal: Proposal): Promise<VersionedCategoryRules> {
    return this.store.save(proposal.change.scope, proposal.change.category, proposal.next, proposal.expectedVersion, proposal.record);
  }
}
