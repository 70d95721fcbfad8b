/**
 * Types for the natural submodules we import one by one (importing natural whole loads every storage
 * backend and costs ~0.9 s per cold start, see STYLE.md).
 */
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/distance/jaro-winkler_distance' {
  const JaroWinklerDistance: (s1: string, s2: string, options?: { ignoreCase?: boolean }) => number;
  export default JaroWinklerDistance;
}
declare module 'natural/lib/natural/distance/levenshtein_distance' {
  export function LevenshteinDistance(source: string, target: string, options?: object): number;
  export function DamerauLevenshteinDistance(source: string, target: string, options?: object): number;
}
declare module 'natural/lib/natural/sentiment/SentimentAnalyzer' {
  class SentimentAnalyzer {
    constructor(language: string, stemmer: { stem(token: string): string } | null, type: string);
    vocabulary: Record<string, number>;
    negations: string[];
    getSentiment(words: string[]): number;
  }
  export default SentimentAnalyzer;
}
