/**
 * Facebook Page comments (Graph API): the page's most recent posts, then each post's comments
 * (filter=stream includes replies), newest first, back to the since-cursor. Comments by the page
 * itself are the school's own words, not mentions. Cursor: the newest comment time seen (ISO).
 */
import * as z from 'zod';
import type { Source } from '../../domain/model';
import { ValidationError } from '../../platform/errors';
import { htmlToPlainText } from '../html-text';
import type { Connector, PollContext, PollResult, SourceItem } from '../ports';
import { apiBase, isoInstant, requireAccountId } from '../responses';
import { graphGet, graphPages, PagingSchema, type GraphContext } from './graph-api';

export const MAX_POSTS = 10;

const PostsSchema = z.object({
  data: z.array(z.object({ id: z.string().min(1), permalink_url: z.string().optional() })),
  paging: PagingSchema,
});

const CommentSchema = z.object({
  id: z.string().min(1).optional(),
  message: z.string().default(''),
  created_time: z.string().min(1),
  from: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
  permalink_url: z.string().optional(),
});
type Comment = z.infer<typeof CommentSchema>;

const CommentsSchema = z.object({ data: z.array(CommentSchema), paging: PagingSchema });

/** The comment id, or (for responses without `id`) the one in its permalink. */
const commentId = (comment: Comment): string => {
  if (comment.id) return comment.id;
  if (comment.permalink_url) {
    try {
      const params = new URL(comment.permalink_url).searchParams;
      const id = params.get('reply_comment_id') ?? params.get('comment_id');
      if (id) return id;
    } catch {
      // fall through to the error below
    }
  }
  throw new ValidationError('Facebook Graph API answered a comment with neither an id nor a permalink_url.');
};

const COMMENT_FIELDS = 'id,message,created_time,from{id,name},permalink_url';

export const facebookConnector: Connector = {
  async poll(source: Source, { http, token, now }: PollContext): Promise<PollResult> {
    const base = apiBase(source.url, 'Facebook');
    const pageId = requireAccountId(source.accountId, 'Facebook');
    const context: GraphContext = { http, token, now, platform: 'Facebook' };
    const since = source.cursor ? Date.parse(source.cursor) : undefined;

    const posts = await graphGet(
      context,
      `${base}/${pageId}/posts?fields=id,permalink_url&limit=${MAX_POSTS}`,
      PostsSchema,
    );
    let requests = 1;
    const items: SourceItem[] = [];
    let newest = since;
    for (const post of posts.data.slice(0, MAX_POSTS)) {
      const url = new URL(`${base}/${encodeURIComponent(post.id)}/comments`);
      url.searchParams.set('fields', COMMENT_FIELDS);
      url.searchParams.set('filter', 'stream');
      url.searchParams.set('order', 'reverse_chronological');
      url.searchParams.set('limit', '100');
      if (since !== undefined) url.searchParams.set('since', String(Math.floor(since / 1000)));
      const isOld = (comment: Comment): boolean =>
        since !== undefined && Date.parse(isoInstant(comment.created_time, 'A Facebook comment')) < since;
      const page = await graphPages(context, url.href, CommentsSchema, (data) => data.some(isOld));
      requests += page.requests;
      for (const comment of page.items) {
        if (isOld(comment)) continue;
        const publishedAt = isoInstant(comment.created_time, 'A Facebook comment');
        newest = Math.max(newest ?? 0, Date.parse(publishedAt));
        items.push({
          externalId: commentId(comment),
          url: comment.permalink_url ?? post.permalink_url,
          urlIdentifiesItem: Boolean(comment.permalink_url),
          text: htmlToPlainText(comment.message),
          author: comment.from?.name,
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
