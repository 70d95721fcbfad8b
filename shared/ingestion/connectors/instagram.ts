/**
 * Instagram comments (Instagram Graph API): the account's most recent media, then each medium's
 * comments back to the since-cursor. Comments have no permalink of their own, so the mention id comes
 * from the comment id (the media permalink is kept as the link people click). The account's own
 * replies (username = the school's Instagram handle, or from.id = the account) are not mentions.
 */
import * as z from 'zod';
import type { Source } from '../../domain/model';
import { htmlToPlainText } from '../html-text';
import type { Connector, PollContext, PollResult, SourceItem } from '../ports';
import { apiBase, isoInstant, requireAccountId } from '../responses';
import { graphGet, graphPages, PagingSchema, type GraphContext } from './graph-api';

export const MAX_MEDIA = 10;

const MediaListSchema = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      permalink: z.string().optional(),
      comments_count: z.number().optional(),
    }),
  ),
  paging: PagingSchema,
});

const CommentSchema = z.object({
  id: z.string().min(1),
  text: z.string().default(''),
  timestamp: z.string().min(1),
  username: z.string().optional(),
  from: z.object({ id: z.string().optional(), username: z.string().optional() }).optional(),
});
type Comment = z.infer<typeof CommentSchema>;

const CommentsSchema = z.object({ data: z.array(CommentSchema), paging: PagingSchema });

export const instagramConnector: Connector = {
  async poll(source: Source, { http, token, now }: PollContext): Promise<PollResult> {
    const base = apiBase(source.url, 'Instagram');
    const accountId = requireAccountId(source.accountId, 'Instagram');
    const context: GraphContext = { http, token, now, platform: 'Instagram' };
    const since = source.cursor ? Date.parse(source.cursor) : undefined;
    const media = await graphGet(
      context,
      `${base}/${accountId}/media?fields=id,permalink,comments_count&limit=${MAX_MEDIA}`,
      MediaListSchema,
    );
    let requests = 1;
    const items: SourceItem[] = [];
    let newest = since;
    const isOld = (comment: Comment): boolean =>
      since !== undefined && Date.parse(isoInstant(comment.timestamp, 'An Instagram comment')) < since;
    for (const medium of media.data.slice(0, MAX_MEDIA)) {
      if (medium.comments_count === 0) continue;
      const url = `${base}/${encodeURIComponent(medium.id)}/comments?fields=id,text,timestamp,username,from&limit=50`;
      const page = await graphPages(context, url, CommentsSchema, (data) => data.some(isOld));
      requests += page.requests;
      for (const comment of page.items) {
        if (isOld(comment)) continue;
        const publishedAt = isoInstant(comment.timestamp, 'An Instagram comment');
        newest = Math.max(newest ?? 0, Date.parse(publishedAt));
        const username = comment.username ?? comment.from?.username;
        items.push({
          externalId: comment.id,
          url: medium.permalink,
          urlIdentifiesItem: false,
          text: htmlToPlainText(comment.text),
          author: username ? `@${username}` : undefined,
          authorId: comment.from?.id,
          publishedAt,
        });
      }
    }
    return {
      unchanged: false,
      items,
      cursor: newest !== undefined ? new Date(newest).toISOString() : source.cursor,
      requests,
    };
  },
};
