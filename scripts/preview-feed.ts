/**
 * Admin preview: `npm run --silent preview-feed -- <file-or-url>` prints one JSON line per item
 * (title, link, text, author, publishedAt) and exits 0; an unusable feed prints one line
 * "error: <reason>" on stderr and exits 2. URLs go through the same fetcher as the poller (SSRF guard,
 * FETCH_ALLOW_LIST, timeouts, size cap).
 */
import { readFile, stat } from 'node:fs/promises';
import { MAX_FEED_BYTES, parseFeed, type ParsedFeed } from '../shared/ingestion/feed-parser';
import { assertSuccess } from '../shared/ingestion/responses';
import { NodeHttpFetcher } from '../shared/platform/http-fetcher';

const fail = (reason: string): never => {
  process.stderr.write(`error: ${reason.replace(/\s+/g, ' ').trim()}\n`);
  process.exit(2);
};

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const fromUrl = async (url: string, now: Date): Promise<ParsedFeed> => {
  const http = NodeHttpFetcher.fromEnv();
  try {
    const response = await http.get({ url, headers: { accept: 'application/rss+xml, application/atom+xml, */*;q=0.5' } });
    assertSuccess(response, 'The feed', now);
    return await parseFeed(response.body, {
      contentType: response.headers['content-type'],
      feedUrl: response.url,
      fetchedAt: now,
    });
  } finally {
    http.destroy();
  }
};

const fromFile = async (path: string, now: Date): Promise<ParsedFeed> => {
  const info = await stat(path).catch(() => fail(`cannot read "${path}": no such file`));
  if (!info.isFile()) fail(`"${path}" is not a file`);
  if (info.size > MAX_FEED_BYTES) fail(`"${path}" is larger than the ${MAX_FEED_BYTES}-byte cap`);
  return parseFeed(await readFile(path), { fetchedAt: now });
};

const main = async (): Promise<void> => {
  const target = process.argv[2];
  if (!target || process.argv.length > 3) fail('usage: npm run --silent preview-feed -- <file-or-url>');
  const now = new Date();
  const feed = /^[a-z][a-z0-9+.-]*:\/\//i.test(target!) ? await fromUrl(target!, now) : await fromFile(target!, now);
  for (const item of feed.items) {
    const line = { title: item.title, link: item.url, text: item.text, author: item.author, publishedAt: item.publishedAt };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
};

process.on('uncaughtException', (error) => fail(message(error)));
process.on('unhandledRejection', (error) => fail(message(error)));
main().catch((error: unknown) => fail(message(error)));
