import { foldHomoglyphs, replaceEmoji } from './emoji';
import { stripHtml } from './html';
import type { Lexicon } from './lexicon';
import { stem } from './stem';

/**
 * A mention made comparable: HTML stripped, emoji turned into words, Unicode folded (NFKC, accents,
 * homoglyphs), lower-cased, and each token undisguised (leetspeak, masks, stretched and spaced-out
 * letters) when the undisguised form is a word we know.
 */
export interface NormalisedText {
  /** The text as the author wrote it, HTML stripped, emoji as words, Unicode folded; case kept. */
  readonly cased: string;
  /** Normalised tokens: lower-case words with disguises removed. */
  readonly tokens: readonly string[];
  /** The token as written (case kept), for evidence and for capitalised-name checks. */
  readonly raw: readonly string[];
  /** Tokens joined by single spaces: what regular-expression rules run on. */
  readonly joined: string;
  /** Character offset of each token in `joined`. */
  readonly offsets: readonly number[];
  /** Stems of the tokens, computed on first use. */
  stems(): readonly string[];
  /** Whether the author disguised any word (leetspeak, masks, spacing). */
  readonly disguised: boolean;
  /** 1 where a token opens a sentence (first token, or after . ! ? : ; or a line break). */
  readonly sentenceStart: Uint8Array;
}

/** Longer texts are cut: mentions are capped by ingestion anyway, and this bounds every rule's cost. */
export const MAX_TEXT_LENGTH = 5_000;

const TOKEN = /[\p{L}\p{N}@$*#!|+'’]+/gu;
const HAS_LETTER = /[a-z]/;
const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const LEET: Readonly<Record<string, string>> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', $: 's', '!': 'i', '|': 'l', '+': 't',
};
const LEET_ALTERNATIVES: Readonly<Record<string, string>> = { '1': 'l', '|': 'i', '!': 'l' };
/** Class and year-group names ("10b", "y9", "yr11", "11th") are not leetspeak. */
const SCHOOL_CODE = /^(?:\d{1,2}[a-z]{1,3}\d?|y|yr|year)\d{0,2}[a-z]?$|^\d+(?:st|nd|rd|th|s|am|pm|k|m|p|x)?$/;
const STRETCHED = /([a-z])\1{2,}/g;
/** . ! ? : ; and line breaks end a sentence. */
const SENTENCE_END = new Set([46, 33, 63, 58, 59, 10, 13]);

export const foldText = (text: string): string => {
  let out = text.length > MAX_TEXT_LENGTH ? text.slice(0, MAX_TEXT_LENGTH) : text;
  out = stripHtml(out);
  if (NON_ASCII.test(out)) {
    out = replaceEmoji(out).normalize('NFKC');
    out = foldHomoglyphs(out).normalize('NFD').replace(COMBINING_MARKS, '');
  }
  return out;
};

const decodeLeet = (word: string, alternative: boolean): string => {
  let out = '';
  for (const ch of word) out += (alternative ? LEET_ALTERNATIVES[ch] : undefined) ?? LEET[ch] ?? ch;
  return out;
};

const unstretch = (word: string, lexicon: Lexicon): string => {
  if (!STRETCHED.test(word)) return word;
  STRETCHED.lastIndex = 0;
  const double = word.replace(STRETCHED, '$1$1');
  if (lexicon.has(double)) return double;
  const single = word.replace(STRETCHED, '$1');
  return lexicon.has(single) ? single : double;
};

/** Returns the undisguised word, or undefined when the candidate is not a word at all. */
const cleanToken = (candidate: string, lexicon: Lexicon): { word: string; disguised: boolean } | undefined => {
  let w = candidate.toLowerCase().replace(/['’]/g, '');
  if (!HAS_LETTER.test(w)) return /^\d+$/.test(w) ? { word: w, disguised: false } : undefined;
  w = w.replace(/^[!|+*#]+/, '').replace(/[!|+@$#]+$/, '');
  if (w.length === 0) return undefined;
  if (/^[@$]/.test(w) && !lexicon.has(decodeLeet(w, false))) w = w.slice(1); // a handle, not "@ss"
  if (/^[a-z0-9]*$/.test(w) && !/\d/.test(w)) return { word: unstretch(w, lexicon), disguised: false };
  if (/[*#]/.test(w)) {
    const mask = w.replace(/[*#]/g, '*');
    const unmasked = /^[a-z]/.test(mask) ? lexicon.unmask(mask) : undefined;
    if (unmasked) return { word: unmasked, disguised: true };
    w = w.replace(/[*#]/g, '');
    if (!HAS_LETTER.test(w)) return undefined;
  }
  if (SCHOOL_CODE.test(w)) return { word: w, disguised: false };
  if (/[^a-z]/.test(w)) {
    const decoded = unstretch(decodeLeet(w, false), lexicon);
    if (lexicon.has(decoded)) return { word: decoded, disguised: true };
    const alternative = unstretch(decodeLeet(w, true), lexicon);
    if (lexicon.has(alternative)) return { word: alternative, disguised: true };
    const lettersOnly = w.replace(/[^a-z0-9]/g, '');
    return lettersOnly ? { word: lettersOnly, disguised: false } : undefined;
  }
  return { word: unstretch(w, lexicon), disguised: false };
};

/** Runs of single letters ("k i l l", "k.i.l.l") are joined when they spell a known word or are long. */
const joinSpacedLetters = (tokens: string[], raw: string[], starts: boolean[], lexicon: Lexicon): boolean => {
  let changed = false;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.length !== 1 || !HAS_LETTER.test(tokens[i]!)) continue;
    let end = i;
    while (end + 1 < tokens.length && tokens[end + 1]!.length === 1 && HAS_LETTER.test(tokens[end + 1]!)) end++;
    const runLength = end - i + 1;
    if (runLength >= 3) {
      const word = unstretch(tokens.slice(i, end + 1).join(''), lexicon);
      if (runLength >= 4 || lexicon.has(word)) {
        tokens.splice(i, runLength, word);
        raw.splice(i, runLength, raw.slice(i, end + 1).join(' '));
        starts.splice(i + 1, runLength - 1);
        changed = true;
      }
    }
  }
  return changed;
};

export const normalise = (text: string, lexicon: Lexicon): NormalisedText => {
  const cased = foldText(text);
  const tokens: string[] = [];
  const raw: string[] = [];
  const starts: boolean[] = [];
  let disguised = false;
  let previousEnd = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(cased); m !== null; m = TOKEN.exec(cased)) {
    const cleaned = cleanToken(m[0], lexicon);
    if (!cleaned) continue;
    let boundary = tokens.length === 0;
    for (let c = previousEnd; c < m.index && !boundary; c++) boundary = SENTENCE_END.has(cased.charCodeAt(c));
    previousEnd = m.index + m[0].length;
    tokens.push(cleaned.word);
    raw.push(m[0]);
    starts.push(boundary);
    if (cleaned.disguised) disguised = true;
  }
  if (joinSpacedLetters(tokens, raw, starts, lexicon)) disguised = true;
  const sentenceStart = Uint8Array.from(starts, (b) => (b ? 1 : 0));
  const offsets: number[] = new Array(tokens.length);
  let at = 0;
  for (let i = 0; i < tokens.length; i++) {
    offsets[i] = at;
    at += tokens[i]!.length + 1;
  }
  let stems: string[] | undefined;
  return {
    cased,
    tokens,
    raw,
    joined: tokens.join(' '),
    offsets,
    disguised,
    sentenceStart,
    stems: () => (stems ??= tokens.map(stem)),
  };
};
