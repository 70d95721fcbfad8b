/**
 * Platform specifics over 127.0.0.1: the recorded API samples in ../shared/feeds/api, Graph API
 * throttling codes, X's reset header, YouTube quota errors, bounded pagination, missing fields.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SourceSchema, type SourceKind } from '../../../shared/domain/model';
import { CONNECTORS } from '../../../shared/ingestion/connectors';
import { ForbiddenError, UpstreamError, ValidationError } from '../../../shared/platform/errors';
import { json, startServer, testFetcher, type LocalServer } from './local-server';

const apiRoot = path.resolve(__dirname, '../../..', '../shared/feeds/api');
const hasSamples = existsSync(apiRoot);
if (!hasSamples) console.warn(`skipping the recorded API sample tests: ${apiRoot} does not exist`);
const sample = (file: string): unknown => JSON.parse(readFileSync(path.join(apiRoot, file), 'utf8'));

const NOW = new Date('2026-03-02T09:00:00Z');
const TOKEN = 'tok-SECRET-456';
const servers: LocalServer[] = [];
const fetcher = testFetcher();
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => fetcher.destroy());

const poll = async (kind: SourceKind, route: (path: string, query: URLSearchParams) => { status?: number; body: unknown; headers?: Record<string, string> }, cursor?: string) => {
  const server = await startServer((request, response) => {
    const url = new URL(request.url!, 'http://x');
    const answer = route(url.pathname, url.searchParams);
    json(response, answer.status ?? 200, answer.body, answer.headers);
  });
  servers.push(server);
  const source = SourceSchema.parse({
    id: 'src',
    schoolId: 'ashcombe',
    kind,
    label: kind,
    platform: { feed: 'news', facebook_page: 'facebook', instagram_account: 'instagram', youtube_channel: 'youtube', x_account: 'x' }[kind],
    url: `${server.url}/v19.0`,
    accountId: '19292868552',
    official: true,
    nextPollAt: NOW.toISOString(),
    cursor,
  });
  const result = CONNECTORS[kind].poll(source, { http: fetcher, token: TOKEN, now: NOW });
  return { result, server };
};

describe.skipIf(!hasSamples)('recorded platform responses', () => {
  it('Facebook: reads the comments sample (no comment ids: taken from the permalinks)', async () => {
    const { result } = await poll('facebook_page', (p) =>
      p.endsWith('/posts') ? { body: sample('facebook/python-facebook__posts_feed_fields_p1.json') } : { body: sample('facebook/python-facebook__comments_comments_p1.json') },
    );
    const { items } = await result;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]!.externalId).toMatch(/^\d+$/);
    expect(items[0]!.publishedAt).toBe('2021-08-10T18:45:03.000Z');
  });

  it('Instagram: reads the media comments sample', async () => {
    const { result } = await poll('instagram_account', (p) =>
      p.endsWith('/media') ? { body: { data: [{ id: '17846368219941692', permalink: 'https://www.instagram.com/p/x/' }] } } : { body: sample('instagram/python-facebook__medias_comments_p2.json') },
    );
    const { items } = await result;
    expect(items.map((i) => i.text)).toContain('@ikroskun Hey, guys');
  });

  it('YouTube: reads the commentThreads sample, including the HTML in textDisplay as text', async () => {
    const { result } = await poll('youtube_channel', () => ({ body: sample('youtube/python-youtube__comment_threads_comment_threads_all_to_me.json') }));
    const { items } = await result;
    expect(items.length).toBe(4);
    expect(items[0]!.url).toContain('watch?v=JE8xdDp5B8Q&lc=');
  });

  it('X: reads the mentions sample and advances the cursor to newest_id', async () => {
    const { result, server } = await poll('x_account', (_p, query) =>
      query.has('pagination_token')
        ? { body: { meta: { result_count: 0 } } }
        : { body: sample('x-twitter/python-twitter__timeline_timeline_mentions.json') },
    );
    const { items, cursor } = await result;
    expect(items).toHaveLength(5);
    expect(new URL(server.requests[1]!.url!, 'http://x').searchParams.get('pagination_token')).toBe(
      '7140dibdnow9c7btw3w3ixl43r8knib48jsfyzko1h5py',
    );
    expect(cursor).toBe('1364398068313903104');
  });

  it('Graph API error sample (code 100) is a clear error that does not echo the token', async () => {
    const { result } = await poll('facebook_page', () => ({ status: 400, body: sample('facebook/python-facebook__error.json') }));
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).not.toContain(TOKEN);
  });
});

describe('rate limits and errors', () => {
  it.each([4, 17, 32, 613])('Graph API throttling code %i is an UpstreamError with a retry time', async (code) => {
    const { result } = await poll('facebook_page', () => ({
      status: 400,
      body: { error: { message: 'Application request limit reached', type: 'OAuthException', code } },
      headers: { 'x-business-use-case-usage': '{"1234":[{"type":"pages","estimated_time_to_regain_access":7}]}' },
    }));
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).retryAfterSeconds).toBe(7 * 60);
  });

  it('an expired Graph token (code 190) is a ForbiddenError', async () => {
    const { result } = await poll('instagram_account', () => ({ status: 400, body: { error: { message: `Invalid token access_token=${TOKEN}`, code: 190 } } }));
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('X 429 waits until x-rate-limit-reset', async () => {
    const reset = Math.floor(NOW.getTime() / 1000) + 900;
    const { result } = await poll('x_account', () => ({ status: 429, body: { title: 'Too Many Requests' }, headers: { 'x-rate-limit-reset': String(reset) } }));
    const error = await result.catch((e: unknown) => e);
    expect((error as UpstreamError).retryAfterSeconds).toBe(900);
  });

  it('YouTube quotaExceeded (403) is an UpstreamError to retry in an hour', async () => {
    const { result } = await poll('youtube_channel', () => ({ status: 403, body: { error: { code: 403, message: 'quota', errors: [{ reason: 'quotaExceeded', domain: 'youtube.quota' }] } } }));
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).retryAfterSeconds).toBe(3600);
  });

  it('a comment missing a required field is a ValidationError naming it', async () => {
    const { result } = await poll('x_account', () => ({ body: { data: [{ id: '1', text: 'hi' }] } }));
    await expect(result).rejects.toThrow(/created_at/);
  });

  it('follows at most three pages of an endless X mentions timeline', async () => {
    let n = 0;
    const { result, server } = await poll('x_account', () => {
      n += 1;
      return { body: { data: [{ id: String(1000 + n), text: 'hi', created_at: '2026-03-01T00:00:00Z' }], meta: { next_token: `t${n}` } } };
    });
    const { items, cursor } = await result;
    expect(server.requests).toHaveLength(3);
    expect(items).toHaveLength(3);
    expect(cursor).toBe('1003');
  });

  it('asks X only for posts newer than the cursor', async () => {
    const { result, server } = await poll('x_account', () => ({ body: { meta: { result_count: 0 } } }), '1364398068313903104');
    const { items, cursor } = await result;
    expect(items).toHaveLength(0);
    expect(cursor).toBe('1364398068313903104');
    expect(new URL(server.requests[0]!.url!, 'http://x').searchParams.get('since_id')).toBe('1364398068313903104');
  });
});

describe('the fetcher itself', () => {
  it('decompresses gzip and brotli bodies', async () => {
    for (const [encoding, pack] of [['gzip', gzipSync], ['br', brotliCompressSync]] as const) {
      const server = await startServer((_request, response) => {
        response.writeHead(200, { 'content-encoding': encoding });
        response.end(pack(Buffer.from('{"ok":true}')));
      });
      servers.push(server);
      const response = await fetcher.get({ url: server.url });
      expect(response.body.toString()).toBe('{"ok":true}');
      expect(response.wireBytes).toBeLessThan(100);
    }
  });

  it('refuses a gzip bomb that unpacks past the cap', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-encoding': 'gzip' });
      response.end(gzipSync(Buffer.alloc(10 * 1024 * 1024)));
    });
    servers.push(server);
    await expect(fetcher.get({ url: server.url })).rejects.toThrow(/unpacks to more than/);
  });

  it('drops the Authorization header when a redirect leaves the origin, and stops after three hops', async () => {
    const target = await startServer((_request, response) => json(response, 200, {}));
    servers.push(target);
    const origin = await startServer((_request, response) => {
      response.writeHead(302, { location: `${target.url}/landing` });
      response.end();
    });
    servers.push(origin);
    await fetcher.get({ url: origin.url, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(origin.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(target.requests[0]!.headers.authorization).toBeUndefined();

    const loop = await startServer((request, response) => {
      response.writeHead(301, { location: `${request.url}x` });
      response.end();
    });
    servers.push(loop);
    await expect(fetcher.get({ url: `${loop.url}/` })).rejects.toThrow(/More than 3 redirects/);
    expect(loop.requests).toHaveLength(4);
  });

  it('refuses a redirect to another loopback address outside the allow-list', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(307, { location: 'http://127.0.0.2:9/' });
      response.end();
    });
    servers.push(server);
    await expect(fetcher.get({ url: server.url })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
