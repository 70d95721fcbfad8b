/**
 * Turns the stored lists (global defaults merged with a school's overrides) into indexes the matcher
 * walks once per mention: rules are looked up by the word or stem they start with, so the cost grows
 * with the mention's length, not with the number of rules.
 */
import { CATEGORY_IDS, type CategoryId } from '../../domain/policy';
import type { Anchor, CategoryRules, Rule, RuleSet } from './schema';
import { parsePhraseAlternatives, parseSingleWord, wordsOfElements, type Element } from './pattern';
import { checkRegexSafety } from './safety';
import { stem } from '../text/stem';

export const ANCHOR_BITS: Readonly<Record<Anchor, number>> = { person: 1, staff: 2, pupil: 4, named: 32, school: 8, you: 16 };
/** "person" is satisfied by a member of staff or a pupil as well as by a described person. */
const anchorMask = (near: readonly Anchor[] | undefined): number =>
  (near ?? []).reduce(
    (mask, a) => mask | ANCHOR_BITS[a] | (a === 'person' ? ANCHOR_BITS.staff | ANCHOR_BITS.pupil | ANCHOR_BITS.named : 0),
    0,
  );

export interface CompiledRule {
  readonly id: string;
  readonly category: CategoryId;
  readonly weight: number;
  readonly label: string | undefined;
  readonly kind: Rule['kind'];
  readonly pattern: string;
  readonly nearMask: number;
  readonly near: readonly Anchor[];
  readonly within: number;
  /** word: exact token; stem/phrase/wildcard: elements; regex: regex. */
  readonly exact?: string;
  readonly elements?: readonly Element[];
  readonly regex?: RegExp;
}

export interface CompiledException {
  readonly id: string;
  readonly category: CategoryId;
  readonly pattern: string;
  readonly elements: readonly Element[];
}

/** Items keyed by their first element: exact words via their stem, wildcards scanned. */
export class FirstWordIndex<T extends { readonly elements?: readonly Element[] }> {
  readonly byStem = new Map<string, T[]>();
  readonly scanned: T[] = [];

  add(item: T): void {
    const first = item.elements?.[0];
    if (!first || first.kind !== 'alts') return;
    let needsScan = false;
    for (const alt of first.alts) {
      if (alt.kind === 'word' || alt.kind === 'exact') {
        const key = alt.kind === 'word' ? alt.stem : stem(alt.word);
        const list = this.byStem.get(key);
        if (list) {
          if (!list.includes(item)) list.push(item);
        } else this.byStem.set(key, [item]);
      } else needsScan = true;
    }
    if (needsScan) this.scanned.push(item);
  }
}

export interface CompiledRuleSet {
  readonly thresholds: Readonly<Record<CategoryId, number>>;
  readonly byToken: ReadonlyMap<string, readonly CompiledRule[]>;
  readonly rules: FirstWordIndex<CompiledRule>;
  readonly regexes: readonly CompiledRule[];
  readonly exceptions: FirstWordIndex<CompiledException>;
  /** Every word the rules mention, for the normaliser's lexicon. */
  readonly words: readonly string[];
  readonly ruleCount: number;
}

export class RuleCompileError extends Error {
  constructor(
    readonly ruleId: string,
    readonly category: CategoryId,
    cause: Error,
  ) {
    super(`Rule ${ruleId} (${category}): ${cause.message}`, { cause });
    this.name = 'RuleCompileError';
  }
}

/** One compiled entry per phrase alternative; they share the rule's id, so a rule counts once. */
export const compileRule = (rule: Rule, category: CategoryId): CompiledRule[] => {
  const base = {
    id: rule.id,
    category,
    weight: rule.weight,
    label: rule.label,
    kind: rule.kind,
    pattern: rule.pattern,
    nearMask: anchorMask(rule.near),
    near: rule.near ?? [],
    within: rule.within,
  };
  try {
    switch (rule.kind) {
      case 'word': {
        const alt = parseSingleWord(rule.pattern, 'word');
        return [{ ...base, exact: alt.kind === 'glob' ? undefined : alt.word }];
      }
      case 'stem':
      case 'wildcard':
        return [{ ...base, elements: [{ kind: 'alts', alts: [parseSingleWord(rule.pattern, rule.kind)] }] }];
      case 'phrase':
        return parsePhraseAlternatives(rule.pattern).map((elements) => ({ ...base, elements }));
      case 'regex':
        return [{ ...base, regex: new RegExp(checkRegexSafety(rule.pattern).source, 'g') }];
    }
  } catch (error) {
    throw new RuleCompileError(rule.id, category, error as Error);
  }
};

/** Global list with a school's overrides: same id replaces, disabledIds switches off, the rest adds. */
export const mergeCategoryRules = (global: CategoryRules | undefined, school: CategoryRules | undefined): CategoryRules | undefined => {
  if (!school) return global;
  if (!global) return { ...school, disabledIds: [] };
  const off = new Set(school.disabledIds);
  const own = new Set([...school.rules.map((r) => r.id), ...school.exceptions.map((e) => e.id)]);
  return {
    category: global.category,
    threshold: school.threshold ?? global.threshold,
    rules: [...global.rules.filter((r) => !off.has(r.id) && !own.has(r.id)), ...school.rules],
    exceptions: [...global.exceptions.filter((e) => !off.has(e.id) && !own.has(e.id)), ...school.exceptions],
    disabledIds: [],
  };
};

export const mergeRuleSets = (global: RuleSet, school: RuleSet | undefined): RuleSet => {
  const merged: RuleSet = {};
  for (const category of CATEGORY_IDS) {
    const list = mergeCategoryRules(global[category], school?.[category]);
    if (list) merged[category] = list;
  }
  return merged;
};

export const compileRuleSet = (set: RuleSet): CompiledRuleSet => {
  const thresholds = {} as Record<CategoryId, number>;
  const byToken = new Map<string, CompiledRule[]>();
  const rules = new FirstWordIndex<CompiledRule>();
  const exceptions = new FirstWordIndex<CompiledException>();
  const regexes: CompiledRule[] = [];
  const words = new Set<string>();
  let ruleCount = 0;
  for (const category of CATEGORY_IDS) {
    const list = set[category];
    thresholds[category] = list?.threshold ?? 1;
    if (!list) continue;
    for (const rule of list.rules) {
      ruleCount++;
      for (const compiled of compileRule(rule, category)) {
        if (compiled.exact !== undefined) {
          words.add(compiled.exact);
          const existing = byToken.get(compiled.exact);
          if (existing) existing.push(compiled);
          else byToken.set(compiled.exact, [compiled]);
        } else if (compiled.elements) {
          for (const w of wordsOfElements(compiled.elements)) words.add(w);
          rules.add(compiled);
        } else regexes.push(compiled);
      }
    }
    for (const exception of list.exceptions) {
      let variants: Element[][];
      try {
        variants = parsePhraseAlternatives(exception.pattern);
      } catch (error) {
        throw new RuleCompileError(exception.id, category, error as Error);
      }
      for (const elements of variants) exceptions.add({ id: exception.id, category, pattern: exception.pattern, elements });
    }
  }
  return { thresholds, byToken, rules, regexes, exceptions, words: [...words], ruleCount };
};
