/**
 * Emoji that carry meaning in a threat, an insult or a tone of voice become words, so the same
 * keyword rules and the model see them ("🔪🔪" reads as "knife knife"). Decorative emoji are dropped by
 * the tokeniser. Homoglyphs from other scripts that NFKC leaves alone (Cyrillic "а", Greek "ο") are
 * folded onto their Latin look-alikes, a common way of slipping a word past a filter.
 */
export const EMOJI_WORDS: Readonly<Record<string, string>> = {
  '🔪': 'knife',
  '🗡': 'knife',
  '⚔': 'knife',
  '🔫': 'gun',
  '💣': 'bomb',
  '🧨': 'bomb',
  '💥': 'explosion',
  '🔥': 'fire',
  '💀': 'skull',
  '☠': 'skull',
  '⚰': 'coffin',
  '🪦': 'grave',
  '🩸': 'blood',
  '🪓': 'axe',
  '🔨': 'hammer',
  '👊': 'punch',
  '🤜': 'punch',
  '🖕': 'middlefinger',
  '🐒': 'monkey',
  '🐵': 'monkey',
  '🦍': 'gorilla',
  '🤡': 'clown',
  '🐷': 'pig',
  '🐖': 'pig',
  '🐍': 'snake',
  '💩': 'shit',
  '💊': 'pills',
  '💉': 'needle',
  '🍆': 'aubergine',
  '🤬': 'furious',
  '😡': 'angry',
  '😠': 'angry',
  '🤮': 'disgusting',
  '🤢': 'disgusting',
  '👎': 'bad',
  '🙄': 'eyeroll',
  '😢': 'sad',
  '😭': 'crying',
  '😂': 'laughing',
  '🤣': 'laughing',
  '😍': 'love',
  '🥰': 'love',
  '❤': 'love',
  '💚': 'love',
  '💛': 'love',
  '💙': 'love',
  '💜': 'love',
  '👏': 'applause',
  '🙌': 'celebrate',
  '🎉': 'celebrate',
  '👍': 'good',
  '⭐': 'star',
  '★': 'star',
  '☆': 'nostar',
  '🚨': 'alert',
  '👀': 'eyes',
  '🔑': 'key',
  '🩹': 'plaster',
  '🥊': 'boxing',
  '🐀': 'rat',
  '😈': 'devil',
  '🪒': 'razor',
};

const escapeForRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Longest first so a sequence is never split by a shorter key. */
const EMOJI_PATTERN = new RegExp(
  Object.keys(EMOJI_WORDS)
    .sort((a, b) => b.length - a.length)
    .map(escapeForRegex)
    .join('|'),
  'gu',
);

export const replaceEmoji = (text: string): string =>
  text.replace(EMOJI_PATTERN, (emoji) => ` ${EMOJI_WORDS[emoji] ?? ''} `);

/** Latin look-alikes NFKC does not fold. */
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x', у: 'y', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ӏ: 'l', к: 'k', м: 'm', т: 't', н: 'h', в: 'b',
  А: 'A', Е: 'E', О: 'O', Р: 'P', С: 'C', Х: 'X', У: 'Y', І: 'I', Ј: 'J', Ѕ: 'S', К: 'K', М: 'M', Т: 'T', Н: 'H', В: 'B',
  α: 'a', ο: 'o', ι: 'i', κ: 'k', ν: 'v', τ: 't', υ: 'u', ρ: 'p', ε: 'e',
  Α: 'A', Ο: 'O', Ι: 'I', Κ: 'K', Ν: 'N', Τ: 'T', Ρ: 'P', Ε: 'E', Β: 'B', Μ: 'M', Η: 'H', Χ: 'X', Ζ: 'Z',
  ı: 'i', ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ß: 'ss', æ: 'ae', œ: 'oe',
};
const HOMOGLYPH_PATTERN = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'gu');

export const foldHomoglyphs = (text: string): string =>
  text.replace(HOMOGLYPH_PATTERN, (ch) => HOMOGLYPHS[ch] ?? ch);
