/**
 * Finds the school's staff by name in a mention, tolerating small misspellings ("Dunmoore",
 * "Okafur") with natural's Jaro-Winkler and Damerau-Levenshtein distances. Fuzzy comparison is
 * restricted to tokens of similar length that share a first letter, and each token's answer is cached
 * per school, so the cost stays flat however long the staff list is.
 */
import JaroWinklerDistance from 'natural/lib/natural/distance/jaro-winkler_distance';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance';
import type { Lexicon } from '../text/lexicon';
import type { NormalisedText } from '../text/normalise';
import { ANCHOR_BITS } from '../rules/compile';
import type { SchoolContext, StaffEntry } from '../school';
import { COMMON_WORD_SURNAMES } from './common-words';

interface NameHit {
  readonly staff: StaffEntry;
  readonly fuzzy: boolean;
}

const MAX_CACHED_TOKENS = 20_000;

const ROLE_SYNONYMS: ReadonlyArray<readonly [string, string]> = [
  ['headteacher', 'head'],
  ['principal', 'head'],
  ['designated safeguarding lead', 'dsl'],
  ['teaching assistant', 'ta'],
  ['chair of governors', 'chair of the governors'],
];

export class StaffNameMatcher {
  private static readonly bySchool = new WeakMap<SchoolContext, StaffNameMatcher>();
  private readonly surnameCache = new Map<string, NameHit | null>();
  private readonly roles: { words: string[]; staff: StaffEntry }[] = [];

  static for(school: SchoolContext, lexicon: Lexicon): StaffNameMatcher {
    let matcher = StaffNameMatcher.bySchool.get(school);
    if (!matcher) {
      matcher = new StaffNameMatcher(school, lexicon);
      StaffNameMatcher.bySchool.set(school, matcher);
    }
    return matcher;
  }

  private constructor(
    private readonly school: SchoolContext,
    private readonly lexicon: Lexicon,
  ) {
    const roleCount = new Map<string, number>();
    const variants = (words: readonly string[]): string[][] => {
      const text = words.join(' ');
      const out = new Set([text, text.replace(/^school /, '')]);
      for (const [from, to] of ROLE_SYNONYMS) for (const v of [...out]) if (v.includes(from)) out.add(v.replace(from, to));
      return [...out].filter(Boolean).map((v) => v.split(' '));
    };
    const all = school.staff.flatMap((staff) => variants(staff.roleWords).map((words) => ({ words, staff })));
    for (const r of all) roleCount.set(r.words.join(' '), (roleCount.get(r.words.join(' ')) ?? 0) + 1);
    // A role names a person only when one member of staff holds it ("the SENCO", not "a teacher").
    for (const r of all) if (roleCount.get(r.words.join(' ')) === 1 && !(r.words.length === 1 && r.words[0] === 'teacher')) this.roles.push(r);
    this.roles.sort((a, b) => b.words.length - a.words.length);
  }

  private lookupSurname(token: string): NameHit | null {
    const cached = this.surnameCache.get(token);
    if (cached !== undefined) return cached;
    let hit: NameHit | null = null;
    const possessive = token.endsWith('s') ? token.slice(0, -1) : undefined;
    for (const staff of this.school.staff) {
      if (staff.last === token || staff.last === possessive) {
        hit = { staff, fuzzy: false };
        break;
      }
    }
    if (!hit && token.length >= 4 && !this.lexicon.has(token) && !COMMON_WORD_SURNAMES.has(token)) {
      let best = 0;
      for (const staff of this.school.staff) {
        const last = staff.last;
        if (last.length < 4 || last.charCodeAt(0) !== token.charCodeAt(0) || Math.abs(last.length - token.length) > 2) continue;
        const similarity = JaroWinklerDistance(token, last);
        if (similarity < 0.88 || similarity <= best) continue;
        const allowed = last.length >= 7 ? 2 : 1;
        if (DamerauLevenshteinDistance(token, last) <= allowed) {
          best = similarity;
          hit = { staff, fuzzy: true };
        }
      }
    }
    if (this.surnameCache.size >= MAX_CACHED_TOKENS) this.surnameCache.clear();
    this.surnameCache.set(token, hit);
    return hit;
  }

  surnameAt(text: NormalisedText, i: number): NameHit | undefined {
    if (i >= text.tokens.length) return undefined;
    return this.lookupSurname(text.tokens[i]!) ?? undefined;
  }

  fullNameAt(text: NormalisedText, i: number): NameHit | undefined {
    if (i + 1 >= text.tokens.length) return undefined;
    const last = this.lookupSurname(text.tokens[i + 1]!);
    if (!last?.staff.first) return undefined;
    const first = text.tokens[i]!;
    const expected = last.staff.first;
    const firstMatches = first === expected || (first.length >= 4 && first[0] === expected[0] && JaroWinklerDistance(first, expected) >= 0.9);
    return firstMatches ? { staff: last.staff, fuzzy: last.fuzzy || first !== expected } : undefined;
  }

  /**
   * A surname on its own is a reference when it is distinctive ("Okafor"), or capitalised mid-
   * sentence, or next to a staff word ("that PE teacher Okafor"); "the price of the trip" is not.
   */
  surnameCountsAlone(text: NormalisedText, i: number, staff: StaffEntry, staffWords: ReadonlySet<string>, _school: SchoolContext): boolean {
    const token = text.tokens[i]!;
    const exact = token === staff.last || token === `${staff.last}s`;
    const distinctive = !COMMON_WORD_SURNAMES.has(staff.last) && !this.lexicon.has(staff.last);
    const raw = text.raw[i]!;
    const capitalised = raw.charCodeAt(0) >= 65 && raw.charCodeAt(0) <= 90 && raw !== raw.toUpperCase();
    if (exact && distinctive) return true;
    if (capitalised && text.sentenceStart[i] === 0 && (exact || distinctive)) return true;
    const from = Math.max(0, i - 4);
    const to = Math.min(text.tokens.length, i + 3);
    for (let k = from; k < to; k++) {
      if (k !== i && (staffWords.has(text.tokens[k]!) || text.tokens[k] === 'that')) return exact || capitalised;
    }
    return false;
  }

  roleAt(tokens: readonly string[], i: number): { staff: StaffEntry; end: number } | undefined {
    for (const role of this.roles) {
      const words = role.words;
      if (i + words.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < words.length && ok; k++) ok = tokens[i + k] === words[k];
      if (ok && (i === 0 || tokens[i - 1] === 'the' || tokens[i - 1] === 'your' || tokens[i - 1] === 'that' || tokens[i - 1] === 'our')) {
        return { staff: role.staff, end: i + words.length };
      }
    }
    return undefined;
  }
}

export { ANCHOR_BITS };
