/** From a source item to a Mention: the stable id, the content hash and the capped text. */
import { createHash } from 'node:crypto';
import type { Mention, School, Source } from '../domain/model';
import { capText, MAX_TEXT_LENGTH, MAX_TITLE_LENGTH } from './html-text';
import type { SourceItem } from './ports';
import { compileMentionMatcher, isOwnPost, type MentionMatcher } from './relevance';
import { normaliseUrl } from './url-normalise';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The key of a seen-item record: the source's id for the item, hashed (ids can be long URLs). */
export const externalIdHash = (externalId: string): string => sha256(externalId).slice(0, 40);

/**
 * Same school + same normalised link = same mention, whichever source brought it; without a link
 * that identifies the item, platform + external id.
 */
export const mentionIdFor = (schoolId: string, source: Pick<Source, 'platform'>, item: SourceItem): string => {
  const link = item.urlIdentifiesItem && item.url ? normaliseUrl(item.url) : undefined;
  const identity = link ? `url|${link}` : `item|${source.platform}|${item.externalId}`;
  return sha256(`${schoolId}|${identity}`).slice(0, 32);
};

export const toMention = (item: SourceItem, source: Source, fetchedAt: Date): Mention => {
  const text = capText(item.text, MAX_TEXT_LENGTH);
  const title = item.title ? capText(item.title, MAX_TITLE_LENGTH) : undefined;
  return {
    id: mentionIdFor(source.schoolId, source, item),
    schoolId: source.schoolId,
    sourceId: source.id,
    platform: source.platform,
    externalId: capText(item.externalId, 1_000),
    url: item.url,
    author: item.author ? capText(item.author, 200) : undefined,
    title,
    text,
    publishedAt: item.publishedAt,
    fetchedAt: fetchedAt.toISOString(),
    isOfficialAccountComment: source.official,
    contentHash: sha256(`${title ?? ''}\n${text}`),
  };
};

/**
 * Which items become mentions: on an official account every comment except the school's own; on a
 * public feed only items that name the school (and are not the school's own posts).
 */
export const selectRelevant = (items: readonly SourceItem[], school: School, source: Source): SourceItem[] => {
  const matcher: MentionMatcher | undefined = source.official ? undefined : compileMentionMatcher(school);
  return items.filter((item) => {
    if (isOwnPost(item, school, source)) return false;
    if (!matcher) return true;
    return matcher.matches(`${item.title ?? ''}\n${item.text}\n${item.author ?? ''}`);
  });
};
