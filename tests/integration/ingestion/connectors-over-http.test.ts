/**
 * Every connector and the feed fetcher over real sockets on 127.0.0.1: 200, 304, 429 with Retry-After,
 * 500, a slow server, an oversized body, and a redirect to a private address.
 */
import type http from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SourceSchema, type Source, type SourceKind } from '../../../shared/domain/model';
import { CONNECTORS } from '../../../shared/ingestion/connectors';
import { ForbiddenError, UpstreamError, ValidationError } from '../../../shared/platform/errors';
import { ResponseTooLargeError } from '../../../shared/platform/http-fetcher';
import { json, startServer, testFetcher, type LocalServer } from './local-server';

const TOKEN = 'tok-SECRET-123';
const NOW = new Date('2026-03-02T09:00:00Z');

const RSS = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Ashcombe news</title>
<item><guid>n1</guid><title>Ashcombe Primary fete</title><link>/news/fete</link><pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate></item>
</channel></rss>`;

/** Answers shaped like the platform samples in ../shared/feeds/api (extra fields included). */
const okAnswer = (kind: SourceKind, path: string): { status: number; body: unknown } | { rss: string } => {
  switch (kind) {
    case 'feed':
      return { rss: RSS };
    case 'facebook_page':
      return path.endsWith('/posts')
        ? { status: 200, body: { data: [{ id: '1234_1', permalink_url: 'https://www.facebook.com/1234/posts/1' }] } }
        : {
            status: 200,
            body: {
              data: [
                { id: '1_9', message: 'When is sports day?', created_time: '2026-03-01T18:45:03+0000', like_count: 0, from: { id: '77', name: 'A Parent' }, permalink_url: 'https://www.facebook.com/1234/posts/1/?comment_id=9' },
                { id: '1_10', message: 'Next Friday!', created_time: '2026-03-01T19:00:00+0000', from: { id: '1234', name: 'Ashcombe Primary' } },
              ],
              paging: { cursors: { before: 'b', after: 'a' } },
            },
          };
    case 'instagram_account':
      return path.endsWith('/media')
        ? { status: 200, body: { data: [{ id: 'm1', permalink: 'https://www.instagram.com/p/abc/', comments_count: 1, caption: 'x' }] } }
        : { status: 200, body: { data: [{ timestamp: '2026-03-01T10:56:52+0000', text: 'Beautiful!', id: '178', username: 'a_parent', like_count: 1 }] } };
    case 'youtube_channel':
      return {
        status: 200,
        body: {
          kind: 'youtube#commentThreadListResponse',
          pageInfo: { totalResults: 1, resultsPerPage: 20 },
          items: [
            {
              kind: 'youtube#commentThread',
              id: 'Ugy1',
              snippet: {
                videoId: 'vid1',
                topLevelComment: {
                  kind: 'youtube#comment',
                  id: 'Ugy1',
                  snippet: { authorDisplayName: 'kun liu', authorChannelId: { value: 'UCx' }, videoId: 'vid1', textDisplay: 'Hope to go next time.', textOriginal: 'Hope to go next time.', likeCount: 0, publishedAt: '2026-03-01T03:36:55.000Z' },
                },
                canReply: true,
              },
            },
          ],
        },
      };
    case 'x_account':
      return {
        status: 200,
        body: {
          data: [{ id: '1364398068313903104', text: '@AshcombePri is the fete on Saturday?', created_at: '2026-03-01T02:13:43.000Z', author_id: '55', public_metrics: { like_count: 0 } }],
          includes: { users: [{ id: '55', username: 'parent55', name: 'P' }] },
          meta: { newest_id: '1364398068313903104', oldest_id: '1364398068313903104', result_count: 1 },
        },
      };
  }
};

const sourceFor = (kind: SourceKind, base: string): Source =>
  SourceSchema.parse({
    id: 'src',
    schoolId: 'ashcombe',
    kind,
    label: `test ${kind}`,
    platform: { feed: 'news', facebook_page: 'facebook', instagram_account: 'instagram', youtube_channel: 'youtube', x_account: 'x' }[kind],
    url: kind === 'feed' ? `${base}/feed.xml` : `${base}/api`,
    accountId: kind === 'feed' ? undefined : '1234',
    official: kind !== 'feed',
    tokenRef: kind === 'feed' ? undefined : 'test',
    nextPollAt: NOW.toISOString(),
    etag: kind === 'feed' ? '"v1"' : undefined,
  });

const servers: LocalServer[] = [];
const fetcher = testFetcher();
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => fetcher.destroy());

const pollWith = async (kind: SourceKind, handler: http.RequestListener) => {
  const server = await startServer(handler);
  servers.push(server);
  const poll = CONNECTORS[kind].poll(sourceFor(kind, server.url), { http: fetcher, token: TOKEN, now: NOW });
  return { poll, server };
};

const KINDS: SourceKind[] = ['feed', 'facebook_page', 'instagram_account', 'youtube_channel', 'x_account'];

describe.each(KINDS)('%s over HTTP on 127.0.0.1', (kind) => {
  it('reads items from a 200 answer, sending the token as a bearer header only', async () => {
    const { poll, server } = await pollWith(kind, (request, response) => {
      const answer = okAnswer(kind, new URL(request.url!, 'http://x').pathname);
      if ('rss' in answer) {
        response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v2"' });
        response.end(answer.rss);
      } else json(response, answer.status, answer.body);
    });
    const result = await poll;
    expect(result.items.length).toBeGreaterThan(0);
    expect(result.items.every((i) => i.text.length > 0 || i.title)).toBe(true);
    for (const request of server.requests) {
      expect(request.url).not.toContain(TOKEN);
      if (kind !== 'feed') expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    }
    if (kind === 'feed') {
      expect(result.etag).toBe('"v2"');
      expect(result.items[0]!.url).toBe(`${server.url}/news/fete`);
    } else {
      expect(result.cursor).toBeDefined();
    }
  });

  it(kind === 'feed' ? 'treats 304 as unchanged, without parsing' : 'reports an unexpected 304 as a clear error', async () => {
    const { poll, server } = await pollWith(kind, (_request, response) => {
      response.writeHead(304);
      response.end();
    });
    if (kind === 'feed') {
      await expect(poll).resolves.toMatchObject({ unchanged: true, items: [], requests: 1 });
      expect(server.requests[0]!.headers['if-none-match']).toBe('"v1"');
    } else {
      await expect(poll).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it('turns 429 with Retry-After into an UpstreamError carrying the wait', async () => {
    const { poll } = await pollWith(kind, (_request, response) => json(response, 429, { error: 'slow down' }, { 'retry-after': '120' }));
    const error = await poll.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).retryAfterSeconds).toBe(120);
  });

  it('turns 500 into an UpstreamError', async () => {
    const { poll } = await pollWith(kind, (_request, response) => json(response, 500, { error: 'boom' }));
    await expect(poll).rejects.toBeInstanceOf(UpstreamError);
  });

  it('gives up on a server that never finishes its answer', async () => {
    const { poll } = await pollWith(kind, (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"data": [');
    });
    await expect(poll).rejects.toThrow(/No complete response .* within 1000 ms/);
  });

  it('refuses an oversized body', async () => {
    const { poll } = await pollWith(kind, (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"pad":"${'x'.repeat(300 * 1024)}"}`);
    });
    await expect(poll).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it('refuses a redirect to a private address the allow-list does not cover', async () => {
    const { poll, server } = await pollWith(kind, (_request, response) => {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      response.end();
    });
    const error = await poll.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(String((error as Error).message)).not.toContain(TOKEN);
    expect(server.requests).toHaveLength(1);
  });
});
