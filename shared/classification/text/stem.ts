import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';

/**
 * natural's Porter stemmer, memoised: mentions reuse a small vocabulary, so after warm-up almost every
 * call is a Map hit. The cache is cleared when it grows past a bound so a long-running process cannot
 * grow without limit on junk tokens.
 */
const MAX_CACHED = 100_000;
const cache = new Map<string, string>();

export const stem = (word: string): string => {
  let s = cache.get(word);
  if (s === undefined) {
    s = word.length <= 3 ? word : PorterStemmer.stem(word);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(word, s);
  }
  return s;
};
