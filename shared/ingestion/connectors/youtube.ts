/**
 * YouTube comments (Data API v3, commentThreads.list with allThreadsRelatedToChannelId): top-level
 * comments and the replies returned with them, newest first, back to the since-cursor. The channel's
 * own comments are not mentions. Quota and rate errors (403 quotaExceeded / rateLimitExceeded) are
 * UpstreamError with a retry time.
 */
import * as z from 'zod';
import type { Source } from '../../domain/model';
import { UpstreamError, ValidationError } from '../../platform/errors';
import { htmlToPlainText } from '../html-text';
import type { Connector, HttpResponse, PollContext, PollResult, SourceItem } from '../ports';
import { apiBase, assertSuccess, bearer, isoInstant, parseJsonBody, retryAfterSeconds, validateBody } from '../responses';

export const MAX_YOUTUBE_PAGES = 3;

const CommentSchema = z.object({
  id: z.string().min(1),
  snippet: z.object({
    videoId: z.string().optional(),
    textOriginal: z.string().optional(),
    textDisplay: z.string().optional(),
    authorDisplayName: z.string().optional(),
    authorChannelId: z.object({ value: z.string() }).optional(),
    publishedAt: z.string().min(1),
  }),
});
type Comment = z.infer<typeof CommentSchema>;

const ThreadsSchema = z.object({
  nextPageToken: z.string().optional(),
  items: z.array(
    z.object({
      id: z.string().min(1),
      snippet: z.object({ videoId: z.string().optional(), topLevelComment: CommentSchema }),
      replies: z.object({ comments: z.array(CommentSchema).default([]) }).optional(),
    }),
  ),
});

const ErrorSchema = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    errors: z.array(z.object({ reason: z.string().optional() })).default([]),
  }),
});

const QUOTA_REASONS = new Set(['quotaExceeded', 'dailyLimitExceeded']);
const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

const throwIfThrottled = (response: HttpResponse, now: Date): void => {
  if (response.status !== 403 && response.status !== 429) return;
  let body: unknown;
  try {
    body = JSON.parse(response.body.toString('utf8'));
  } catch {
    return;
  }
  const parsed = ErrorSchema.safeParse(body);
  const reason = parsed.success ? parsed.data.error.errors.find((e) => e.reason)?.reason : undefined;
  if (reason && (QUOTA_REASONS.has(reason) || RATE_REASONS.has(reason))) {
    const fallback = QUOTA_REASONS.has(reason) ? 3600 : 60;
    throw new UpstreamError(`YouTube Data API: ${reason}`, retryAfterSeconds(response.headers, now) ?? fallback);
  }
};

const toItem = (comment: Comment, videoId: string | undefined): SourceItem => {
  const video = comment.snippet.videoId ?? videoId;
  return {
    externalId: comment.id,
    url: video
      ? `https://www.youtube.com/watch?v=${encodeURIComponent(video)}&lc=${encodeURIComponent(comment.id)}`
      : undefined,
    urlIdentifiesItem: Boolean(video),
    text: comment.snippet.textOriginal ?? htmlToPlainText(comment.snippet.textDisplay),
    author: comment.snippet.authorDisplayName,
    authorId: comment.snippet.authorChannelId?.value,
    publishedAt: isoInstant(comment.snippet.publishedAt, 'A YouTube comment'),
  };
};

export const youtubeConnector: Connector = {
  async poll(source: Source, { http, token, now }: PollContext): Promise<PollResult> {
    const base = apiBase(source.url, 'YouTube');
    if (!source.accountId) throw new ValidationError('The YouTube source has no accountId (channel id).');
    const since = source.cursor ? Date.parse(source.cursor) : undefined;
    const items: SourceItem[] = [];
    let pageToken: string | undefined;
    let requests = 0;
    let reachedCursor = false;
    while (requests < MAX_YOUTUBE_PAGES && !reachedCursor) {
      const url = new URL(`${base}/commentThreads`);
      url.searchParams.set('part', 'snippet,replies');
      url.searchParams.set('allThreadsRelatedToChannelId', source.accountId);
      url.searchParams.set('maxResults', '100');
      url.searchParams.set('order', 'time');
      url.searchParams.set('textFormat', 'plainText');
      if (pageToken) url.searchParams.set('pageToken', pageToken);
      const response = await http.get({ url: url.href, headers: bearer(token, 'YouTube') });
      requests += 1;
      throwIfThrottled(response, now);
      assertSuccess(response, 'YouTube Data API', now);
      const page = validateBody(ThreadsSchema, parseJsonBody(response, 'YouTube Data API'), 'YouTube Data API');
      for (const thread of page.items) {
        const comments = [thread.snippet.topLevelComment, ...(thread.replies?.comments ?? [])];
        for (const comment of comments) {
          const item = toItem(comment, thread.snippet.videoId);
          if (since !== undefined && Date.parse(item.publishedAt) < since) {
            if (comment === thread.snippet.topLevelComment) reachedCursor = true;
            continue;
          }
          items.push(item);
        }
      }
      pageToken = page.nextPageToken;
      if (!pageToken) break;
    }
    const newest = Math.max(since ?? 0, ...items.map((i) => Date.parse(i.publishedAt)));
    return { unchanged: false, items, cursor: newest > 0 ? new Date(newest).toISOString() : source.cursor, requests };
  },
};
