/**
 * The keyword store on plain files, for the CLI when no table is configured: the global lists are
 * the bundled defaults themselves (data/keywords/<category>.json), a school's overrides live in
 * data/keywords/schools/<school>/<category>.json, and each save appends its change record to
 * data/keywords/history/<scope>/<category>.jsonl. Versions are checked on save, like the table's.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CATEGORY_IDS, type CategoryId } from '../../shared/domain/policy';
import { ConflictError } from '../../shared/platform/errors';
import { GLOBAL_SCOPE, KeywordChangeSchema, type KeywordChange, type KeywordStore, type KeywordVersion } from '../../shared/classification/keywords/store';
import { CategoryRulesSchema, type CategoryRules, type VersionedCategoryRules } from '../../shared/classification/rules/schema';

export class FileKeywordStore implements KeywordStore {
  constructor(private readonly dir: string) {}

  private listFile(scope: string, category: CategoryId): string {
    return scope === GLOBAL_SCOPE ? path.join(this.dir, `${category}.json`) : path.join(this.dir, 'schools', scope, `${category}.json`);
  }

  private historyFile(scope: string, category: CategoryId): string {
    return path.join(this.dir, 'history', scope, `${category}.jsonl`);
  }

  async get(scope: string, category: CategoryId): Promise<VersionedCategoryRules | undefined> {
    const file = this.listFile(scope, category);
    if (!existsSync(file)) return undefined;
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return {
      ...CategoryRulesSchema.parse(raw),
      version: typeof raw.version === 'number' ? raw.version : 0,
      updatedBy: typeof raw.updatedBy === 'string' ? raw.updatedBy : 'bundled defaults',
      updatedAt: typeof raw.updatedAt === 'string' ? raw.updatedAt : '-',
    };
  }

  async getScope(scope: string): Promise<Partial<Record<CategoryId, VersionedCategoryRules>>> {
    const lists: Partial<Record<CategoryId, VersionedCategoryRules>> = {};
    const dir = scope === GLOBAL_SCOPE ? this.dir : path.join(this.dir, 'schools', scope);
    if (!existsSync(dir)) return lists;
    const present = new Set(readdirSync(dir));
    for (const category of CATEGORY_IDS) {
      if (!present.has(`${category}.json`)) continue;
      const list = await this.get(scope, category);
      if (list) lists[category] = list;
    }
    return lists;
  }

  async history(scope: string, category: CategoryId, limit: number): Promise<KeywordVersion[]> {
    const file = this.historyFile(scope, category);
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { version: number; change: unknown })
      .map((entry) => ({ version: entry.version, change: KeywordChangeSchema.parse(entry.change) }))
      .reverse()
      .slice(0, limit);
  }

  async save(scope: string, category: CategoryId, rules: CategoryRules, expectedVersion: number, change: KeywordChange): Promise<VersionedCategoryRules> {
    const current = await this.get(scope, category);
    if ((current?.version ?? 0) !== expectedVersion) {
      throw new ConflictError(`The ${category} list (${scope}) is at version ${current?.version ?? 0}, not ${expectedVersion}. Reload it and try again.`);
    }
    const saved: VersionedCategoryRules = { ...rules, version: expectedVersion + 1, updatedBy: change.by, updatedAt: change.at };
    const file = this.listFile(scope, category);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`);
    const history = this.historyFile(scope, category);
    mkdirSync(path.dirname(history), { recursive: true });
    appendFileSync(history, `${JSON.stringify({ version: saved.version, change })}\n`);
    return saved;
  }
}
