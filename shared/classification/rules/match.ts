/**
 * Runs a compiled rule set over one normalised mention. Returns the rule matches that count and those
 * an exception cancelled (the dry run and the reasons show both). Context requirements ("near a named
 * member of staff") are checked against the anchor marks the detectors left on each token.
 */
import type { NormalisedText } from '../text/normalise';
import { matchPhraseAt } from './pattern';
import type { CompiledException, CompiledRule, CompiledRuleSet } from './compile';

export interface RuleMatch {
  readonly rule: CompiledRule;
  readonly start: number;
  /** Exclusive token index. */
  readonly end: number;
  /** Set when an exception cancelled the match. */
  readonly cancelledBy?: CompiledException;
}

interface Span {
  readonly exception: CompiledException;
  readonly start: number;
  readonly end: number;
}

const nearAnchor = (anchors: Uint8Array, mask: number, start: number, end: number, within: number): boolean => {
  const from = Math.max(0, start - within);
  const to = Math.min(anchors.length, end + within);
  for (let i = from; i < to; i++) if ((anchors[i]! & mask) !== 0) return true;
  return false;
};

const tokenAtOffset = (offsets: readonly number[], offset: number): number => {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};

const exceptionSpans = (set: CompiledRuleSet, tokens: readonly string[], stems: readonly string[]): Span[] => {
  const spans: Span[] = [];
  const { byStem, scanned } = set.exceptions;
  if (byStem.size === 0 && scanned.length === 0) return spans;
  for (let i = 0; i < tokens.length; i++) {
    const keyed = byStem.get(stems[i]!);
    if (keyed) {
      for (const exception of keyed) {
        const end = matchPhraseAt(exception.elements, tokens, stems, i);
        if (end > i) spans.push({ exception, start: i, end });
      }
    }
    for (const exception of scanned) {
      const end = matchPhraseAt(exception.elements, tokens, stems, i);
      if (end > i) spans.push({ exception, start: i, end });
    }
  }
  return spans;
};

export const findRuleMatches = (set: CompiledRuleSet, text: NormalisedText, anchors: Uint8Array): RuleMatch[] => {
  const { tokens } = text;
  const stems = text.stems();
  const found: RuleMatch[] = [];
  const consider = (rule: CompiledRule, start: number, end: number): void => {
    if (rule.nearMask !== 0 && !nearAnchor(anchors, rule.nearMask, start, end, rule.within)) return;
    found.push({ rule, start, end });
  };
  for (let i = 0; i < tokens.length; i++) {
    const exact = set.byToken.get(tokens[i]!);
    if (exact) for (const rule of exact) consider(rule, i, i + 1);
    const keyed = set.rules.byStem.get(stems[i]!);
    if (keyed) {
      for (const rule of keyed) {
        const end = matchPhraseAt(rule.elements!, tokens, stems, i);
        if (end > i) consider(rule, i, end);
      }
    }
    for (const rule of set.rules.scanned) {
      const end = matchPhraseAt(rule.elements!, tokens, stems, i);
      if (end > i) consider(rule, i, end);
    }
  }
  for (const rule of set.regexes) {
    const regex = rule.regex!;
    regex.lastIndex = 0;
    // Bounded: at most one match per token position.
    for (let m = regex.exec(text.joined), n = 0; m !== null && n <= tokens.length; m = regex.exec(text.joined), n++) {
      const start = tokenAtOffset(text.offsets, m.index);
      const end = tokenAtOffset(text.offsets, m.index + Math.max(0, m[0].length - 1)) + 1;
      consider(rule, start, end);
      if (m[0].length === 0) regex.lastIndex++;
    }
  }
  if (found.length === 0) return found;
  const spans = exceptionSpans(set, tokens, stems);
  if (spans.length === 0) return found;
  return found.map((match) => {
    const span = spans.find(
      (s) => s.exception.category === match.rule.category && s.start < match.end && match.start < s.end,
    );
    return span ? { ...match, cancelledBy: span.exception } : match;
  });
};
