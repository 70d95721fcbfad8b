/**
 * Features for the statistical model, shared by training and classification so the two cannot
 * drift: stemmed words, stemmed word pairs, character 3- to 5-grams inside each word (so "batterd",
 * "stabed" or "groomin" still share most of their features with the words they misspell) and named
 * signals (detector findings, concepts), hashed into a fixed number of buckets (FNV-1a) without
 * building the feature strings.
 */
import type { NormalisedText } from '../text/normalise';

export const HASH_BITS = 18;
export const BUCKETS = 1 << HASH_BITS;
const MASK = BUCKETS - 1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

const mix = (hash: number, s: string): number => {
  let h = hash;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
};

const WORD = mix(FNV_OFFSET, 'w:');
const PAIR = mix(FNV_OFFSET, 'b:');
const CHARS = mix(FNV_OFFSET, 'c:');
const SIGNAL = mix(FNV_OFFSET, 's:');

export const signalFeature = (name: string): number => (mix(SIGNAL, name) >>> 0) & MASK;

/** Words too common to carry meaning on their own (they still count inside word pairs). */
const STOP = new Set(['the', 'a', 'an', 'and', 'of', 'to', 'in', 'on', 'at', 'is', 'it', 'for', 'this', 'that', 'be', 'was', 'are', 'with', 'as', 'i', 'my']);

const MIN_GRAM = 3;
const MAX_GRAM = 5;
/** Words longer than this are cut for the character n-grams (bounds the work on junk tokens). */
const MAX_GRAM_WORD = 24;

/** Character n-grams of " word " (spaces mark the ends), each hashed incrementally from its start. */
const pushCharGrams = (token: string, out: number[]): void => {
  if (token.length < 2 || /^\d+$/.test(token)) return;
  const padded = ` ${token.length > MAX_GRAM_WORD ? token.slice(0, MAX_GRAM_WORD) : token} `;
  for (let start = 0; start + MIN_GRAM <= padded.length; start++) {
    let h = CHARS;
    for (let k = 0; k < MAX_GRAM && start + k < padded.length; k++) {
      h = Math.imul(h ^ padded.charCodeAt(start + k), FNV_PRIME);
      if (k + 1 >= MIN_GRAM) out.push((h >>> 0) & MASK);
    }
  }
};

/** The buckets one token contributes on its own (its stem and its character n-grams), for explanations. */
export const tokenBuckets = (text: NormalisedText, i: number): number[] => {
  const s = text.stems()[i]!;
  const out: number[] = STOP.has(s) ? [] : [(mix(WORD, s) >>> 0) & MASK];
  pushCharGrams(text.tokens[i]!, out);
  return out;
};

/**
 * Hashed feature indices, sorted and without repeats. Tokens that are usernames or links in the
 * public corpora ("user", "url") are skipped so the model does not learn the corpora's markup.
 */
export const extractFeatures = (text: NormalisedText, signals: readonly string[] = []): Uint32Array => {
  const stems = text.stems();
  const tokens = text.tokens;
  const out: number[] = [];
  let previous: string | undefined;
  for (let i = 0; i < stems.length; i++) {
    const s = stems[i]!;
    if (s === 'user' || s === 'url') {
      previous = undefined;
      continue;
    }
    if (!STOP.has(s)) out.push((mix(WORD, s) >>> 0) & MASK);
    if (previous !== undefined) out.push((mix(mix(PAIR, previous), ' ' + s) >>> 0) & MASK);
    previous = s;
    pushCharGrams(tokens[i]!, out);
  }
  for (const name of signals) out.push(signalFeature(name));
  const sorted = Uint32Array.from(out).sort();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[unique++] = sorted[i]!;
  return sorted.subarray(0, unique);
};
