import { stem } from './stem';

/**
 * The words the normaliser may turn an obfuscated token into. "k1ll" becomes "kill" only because
 * "kill" is a word we know; "gr8" stays "gr8". Built from the keyword lists, the sentiment lexicon and
 * the profanity list, so a word an administrator adds is recognised in disguise too.
 */
export class Lexicon {
  private readonly words = new Set<string>();
  private readonly stems = new Set<string>();
  /** Words a masked token ("f***", "pr*ck") may stand for, grouped by length. */
  private readonly maskable = new Map<number, string[]>();

  addWords(words: Iterable<string>, options: { stems?: boolean; maskable?: boolean } = {}): this {
    for (const raw of words) {
      const w = raw.toLowerCase();
      if (!/^[a-z]+$/.test(w)) continue;
      this.words.add(w);
      if (options.stems && w.length > 3) this.stems.add(stem(w));
      if (options.maskable) {
        const list = this.maskable.get(w.length) ?? [];
        if (!list.includes(w)) list.push(w);
        this.maskable.set(w.length, list);
      }
    }
    return this;
  }

  has(word: string): boolean {
    return this.words.has(word) || (word.length > 3 && this.stems.has(stem(word)));
  }

  /** The first maskable word that fits a mask such as "f**k" or "pr*ck" (letters fixed, "*" any letter). */
  unmask(masked: string): string | undefined {
    const candidates = this.maskable.get(masked.length);
    if (!candidates) return undefined;
    for (const word of candidates) {
      let fits = true;
      for (let i = 0; i < masked.length; i++) {
        const c = masked.charCodeAt(i);
        if (c !== 42 /* * */ && c !== word.charCodeAt(i)) {
          fits = false;
          break;
        }
      }
      if (fits) return word;
    }
    return undefined;
  }
}
