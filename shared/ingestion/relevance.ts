/**
 * Does a public item mention the school? Whole words only ("Ashgrove" must not match "Ashgroveton"),
 * ignoring case and accents, and treating punctuation between words as a space ("Sainte-Thérèse"
 * matches "sainte therese"). Terms are the school's name, aliases, handles (with or without the "@") and
 * hashtags (with the "#"). The terms come from the school's configuration, never from the feed, and
 * are escaped before they become a pattern.
 */
import type { School, Source } from '../domain/model';

const fold = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One compiled matcher per school configuration (schools are few; feeds have many items). */
export interface MentionMatcher {
  matches(text: string): boolean;
}

const termPattern = (term: string): string => {
  const folded = fold(term).trim();
  const prefix = /^[@#]/.test(folded) ? folded[0]! : '';
  return (
    prefix +
    folded
      .slice(prefix.length)
      .split(/[\s\p{P}]+/u)
      .filter(Boolean)
      .map(escapeRegExp)
      .join('[\\s\\p{P}]+')
  );
};

export const schoolTerms = (school: School): string[] => {
  const terms = new Set<string>();
  const add = (term: string | undefined): void => {
    const t = term?.trim();
    if (t && t.replace(/[@#]/g, '').length >= 2) terms.add(t);
  };
  add(school.name);
  school.aliases.forEach(add);
  for (const { handle } of school.handles) {
    const bare = handle.replace(/^@/, '');
    add(`@${bare}`);
    add(bare);
  }
  for (const tag of school.hashtags) add(tag.startsWith('#') ? tag : `#${tag}`);
  return [...terms];
};

export const compileMentionMatcher = (school: School): MentionMatcher => {
  const terms = schoolTerms(school);
  if (terms.length === 0) return { matches: () => false };
  // Word characters around a term mean it is part of a longer word; "@" and "#" likewise.
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_@#])(?:${terms.map(termPattern).join('|')})(?![\\p{L}\\p{N}_])`,
    'u',
  );
  return { matches: (text) => pattern.test(fold(text)) };
};

/** The school's own posts are not mentions: the author is one of its handles, pages or accounts. */
export const isOwnPost = (
  item: { author?: string; authorId?: string },
  school: School,
  source: Source,
): boolean => {
  if (item.authorId && source.accountId && item.authorId === source.accountId) return true;
  const author = item.author ? fold(item.author).replace(/^@/, '').trim() : '';
  if (!author) return false;
  return school.handles.some(({ handle }) => {
    const own = fold(handle).replace(/^@/, '');
    // Feed authors come as "name", "@name", "name@instance" or "Display Name (@name)".
    return author === own || author.startsWith(`${own}@`) || author.includes(`(@${own})`);
  });
};
