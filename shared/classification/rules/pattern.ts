/**
 * The phrase syntax shared by rules and exceptions, compiled to a list of elements matched token by
 * token on the normalised text:
 *   word        the word or any form with the same stem ("stab" matches "stabbing", "stabbed")
 *   =word       exactly this word ("=happen" does not match "happened")
 *   a|b|c       any of the alternatives
 *   kill*       a wildcard: any word starting "kill" (also *phobic, f*ck)
 *   *           exactly one word, whatever it is
 *   ...         up to three words, whatever they are
 *   a b / c d   either phrase ("off rolling / cooked the books")
 */
import { stem } from '../text/stem';

export type Alternative =
  | { kind: 'word'; word: string; stem: string }
  | { kind: 'exact'; word: string }
  | { kind: 'glob'; glob: string; regex: RegExp };

export type Element = { kind: 'alts'; alts: readonly Alternative[] } | { kind: 'any' } | { kind: 'gap'; max: number };

export class PatternSyntaxError extends Error {
  constructor(
    readonly pattern: string,
    reason: string,
  ) {
    super(`Pattern ${JSON.stringify(pattern)}: ${reason}`);
    this.name = 'PatternSyntaxError';
  }
}

export const GAP_MAX = 3;
const MAX_ELEMENTS = 12;
const WORD = /^[a-z0-9]+$/;
const GLOB = /^[a-z0-9*]+$/;

/** Lower-case, accents off, apostrophes dropped, dashes and dots as spaces: the same as tokens get. */
export const normalisePatternText = (pattern: string): string =>
  pattern
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .replace(/\.{3}|[-–,;:!?"]+|\./g, (m) => (m === '...' ? ' ... ' : ' '))
    .trim();

const globToRegex = (glob: string): RegExp => new RegExp(`^${glob.replace(/\*+/g, '[a-z0-9]*')}$`);

export const parseAlternative = (text: string, pattern: string): Alternative => {
  if (WORD.test(text)) return { kind: 'word', word: text, stem: stem(text) };
  if (text.startsWith('=') && WORD.test(text.slice(1))) return { kind: 'exact', word: text.slice(1) };
  if (GLOB.test(text)) {
    if (text.replace(/\*/g, '').length < 2) throw new PatternSyntaxError(pattern, `wildcard "${text}" needs at least two letters.`);
    return { kind: 'glob', glob: text, regex: globToRegex(text) };
  }
  throw new PatternSyntaxError(pattern, `"${text}" may only contain letters, digits and * (no other symbols).`);
};

export const parsePhrase = (pattern: string): Element[] => {
  const parts = normalisePatternText(pattern).split(/\s+/).filter(Boolean);
  if (parts.length === 0) throw new PatternSyntaxError(pattern, 'it is empty.');
  if (parts.length > MAX_ELEMENTS) throw new PatternSyntaxError(pattern, `a phrase has at most ${MAX_ELEMENTS} parts.`);
  const elements = parts.map<Element>((part) => {
    if (part === '*') return { kind: 'any' };
    if (part === '...' || part === '…') return { kind: 'gap', max: GAP_MAX };
    return { kind: 'alts', alts: part.split('|').filter(Boolean).map((alt) => parseAlternative(alt, pattern)) };
  });
  if (elements[0]!.kind !== 'alts' || elements[elements.length - 1]!.kind !== 'alts') {
    throw new PatternSyntaxError(pattern, 'a phrase must start and end with a word, not * or ...');
  }
  return elements;
};

/** A pattern with " / " between whole phrases: each alternative parsed on its own. */
export const parsePhraseAlternatives = (pattern: string): Element[][] =>
  pattern
    .split(/\s+\/\s+/)
    .filter((p) => p.trim())
    .map((p) => parsePhrase(p));

/** A single-word pattern for word, stem and wildcard rules. */
export const parseSingleWord = (pattern: string, kind: 'word' | 'stem' | 'wildcard'): Alternative => {
  const text = normalisePatternText(pattern);
  if (/\s/.test(text)) throw new PatternSyntaxError(pattern, `a ${kind} rule is one word; use a phrase rule for several.`);
  const alt = parseAlternative(text, pattern);
  if (kind === 'wildcard' && alt.kind !== 'glob') throw new PatternSyntaxError(pattern, 'a wildcard rule needs a * (e.g. kill*).');
  if (kind !== 'wildcard' && alt.kind === 'glob') throw new PatternSyntaxError(pattern, `a ${kind} rule cannot contain *; use a wildcard rule.`);
  return alt;
};

const altMatches = (alt: Alternative, token: string, tokenStem: string): boolean =>
  alt.kind === 'word' ? alt.word === token || alt.stem === tokenStem : alt.kind === 'exact' ? alt.word === token : alt.regex.test(token);

/**
 * Where the phrase matches when its first element sits at `start`: the end index (exclusive), or -1.
 * Gaps are bounded (three words) and phrases short, so the backtracking is bounded too.
 */
export const matchPhraseAt = (
  elements: readonly Element[],
  tokens: readonly string[],
  stems: readonly string[],
  start: number,
  elementIndex = 0,
): number => {
  let i = start;
  for (let e = elementIndex; e < elements.length; e++) {
    const element = elements[e]!;
    if (element.kind === 'gap') {
      for (let skip = 0; skip <= element.max && i + skip <= tokens.length; skip++) {
        const end = matchPhraseAt(elements, tokens, stems, i + skip, e + 1);
        if (end >= 0) return end;
      }
      return -1;
    }
    if (i >= tokens.length) return -1;
    if (element.kind === 'alts') {
      const token = tokens[i]!;
      const tokenStem = stems[i]!;
      let any = false;
      for (const alt of element.alts) {
        if (altMatches(alt, token, tokenStem)) {
          any = true;
          break;
        }
      }
      if (!any) return -1;
    }
    i++;
  }
  return i;
};

/** Words in a pattern, so the normaliser can recognise them in disguise ("k1ll"). */
export const wordsOfElements = (elements: readonly Element[]): string[] =>
  elements.flatMap((e) =>
    e.kind === 'alts' ? e.alts.map((a) => (a.kind === 'glob' ? a.glob.replace(/\*/g, '') : a.word)) : [],
  );

/** Short words that legitimately recur in one phrase ("put him on his back"). */
const RECURRING = new Set(['a', 'an', 'the', 'his', 'her', 'their', 'your', 'ur', 'my', 'our', 'him', 'them', 'you', 'u', 'to', 'of', 'in', 'on', 'at', 'and', 'or', 'is', 'it', 'for', 'me', 'us']);

/**
 * Likely mistakes in a valid phrase pattern, in words an administrator understands. The usual one:
 * "|" separates single words, so "official page|trust page" means "official" then "page" or "trust",
 * then "page", not either phrase; a content word that appears in two places of one phrase is the sign.
 */
export const phraseWarnings = (pattern: string): string[] => {
  const warnings: string[] = [];
  for (const phrase of pattern.split(/\s+\/\s+/).filter((p) => p.trim())) {
    const parts = normalisePatternText(phrase).split(/\s+/).filter(Boolean);
    const seen = new Map<string, { index: number; alone: boolean }>();
    let warned = false;
    parts.forEach((part, index) => {
      if (warned || part === '...' || part === '…' || part === '*') return;
      const words = part.split('|').map((w) => w.replace(/^=/, '')).filter(Boolean);
      for (const word of words) {
        if (RECURRING.has(word) || word.includes('*')) continue;
        const first = seen.get(word);
        // "bomb bomb" or "boys will be boys" repeat a word on purpose; a repeat inside a list of
        // alternatives ("official page|trust page") is the mistake.
        if (first && first.index !== index && !(first.alone && words.length === 1)) {
          warnings.push(
            `"${phrase.trim()}": "${word}" appears twice. "|" separates single words ("a b|c" is "a" then "b" or "c"); to give whole phrases as alternatives, separate them with " / " ("a b / a c").`,
          );
          warned = true;
          return;
        }
        if (!first) seen.set(word, { index, alone: words.length === 1 });
      }
    });
  }
  return [...new Set(warnings)];
};
