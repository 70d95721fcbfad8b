/**
 * X (API v2) mentions and replies: GET /2/users/:id/mentions with since_id = the cursor (the newest
 * post id seen), paginated with pagination_token (bounded). The account's own posts are not mentions.
 * 429 carries x-rate-limit-reset (epoch seconds), read as the retry time.
 */
import * as z from 'zod';
import type { Source } from '../../domain/model';
import { ValidationError } from '../../platform/errors';
import { htmlToPlainText } from '../html-text';
import type { Connector, PollContext, PollResult, SourceItem } from '../ports';
import { apiBase, assertSuccess, bearer, isoInstant, parseJsonBody, validateBody } from '../responses';

export const MAX_X_PAGES = 3;

const MentionsSchema = z.object({
  data: z
    .array(
      z.object({
        id: z.string().regex(/^\d+$/, 'expected a numeric post id'),
        text: z.string(),
        created_at: z.string().min(1),
        author_id: z.string().optional(),
      }),
    )
    .default([]),
  includes: z
    .object({ users: z.array(z.object({ id: z.string(), username: z.string() })).default([]) })
    .optional(),
  meta: z.object({ newest_id: z.string().optional(), next_token: z.string().optional() }).optional(),
});

const newer = (a: string | undefined, b: string | undefined): string | undefined => {
  if (!a) return b;
  if (!b) return a;
  return BigInt(a) >= BigInt(b) ? a : b;
};

export const xConnector: Connector = {
  async poll(source: Source, { http, token, now }: PollContext): Promise<PollResult> {
    const base = apiBase(source.url, 'X');
    if (!source.accountId) throw new ValidationError('The X source has no accountId (user id).');
    if (source.cursor && !/^\d+$/.test(source.cursor)) {
      throw new ValidationError(`The X source cursor "${source.cursor.slice(0, 30)}" is not a post id.`);
    }
    const items: SourceItem[] = [];
    let newest = source.cursor;
    let paginationToken: string | undefined;
    let requests = 0;
    while (requests < MAX_X_PAGES) {
      const url = new URL(`${base}/2/users/${encodeURIComponent(source.accountId)}/mentions`);
      url.searchParams.set('max_results', '100');
      url.searchParams.set('tweet.fields', 'created_at,author_id,conversation_id,in_reply_to_user_id');
      url.searchParams.set('expansions', 'author_id');
      url.searchParams.set('user.fields', 'username');
      if (source.cursor) url.searchParams.set('since_id', source.cursor);
      if (paginationToken) url.searchParams.set('pagination_token', paginationToken);
      const response = await http.get({ url: url.href, headers: bearer(token, 'X') });
      requests += 1;
      assertSuccess(response, 'X API', now);
      const page = validateBody(MentionsSchema, parseJsonBody(response, 'X API'), 'X API');
      const usernames = new Map((page.includes?.users ?? []).map((u) => [u.id, u.username]));
      for (const post of page.data) {
        const username = post.author_id ? usernames.get(post.author_id) : undefined;
        newest = newer(newest, post.id);
        items.push({
          externalId: post.id,
          // One canonical form whoever posted it, so two sources seeing the same post agree on its id.
          url: `https://x.com/i/web/status/${post.id}`,
          urlIdentifiesItem: true,
          text: htmlToPlainText(post.text),
          author: username ? `@${username}` : undefined,
          authorId: post.author_id,
          publishedAt: isoInstant(post.created_at, 'An X post'),
        });
      }
      newest = newer(newest, page.meta?.newest_id);
      paginationToken = page.meta?.next_token;
      if (!paginationToken || page.data.length === 0) break;
    }
    return { unchanged: false, items, cursor: newest, requests };
  },
};
