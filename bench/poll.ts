/**
 * Polling benchmark (standalone: `npx tsx bench/poll.ts`): a local server on 127.0.0.1 serves N feeds
 * with ETags; round 1 fetches and parses them all, round 2 repeats with the stored ETags (all 304).
 * Reports feeds per second and bytes saved by conditional GET, then the heap/RSS cost of parsing the
 * hostile corpus in ../shared/feeds (when present). Every loop is bounded; nothing leaves loopback.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SourceSchema, type Source } from '../shared/domain/model';
import { feedConnector } from '../shared/ingestion/connectors/feed';
import { parseFeed } from '../shared/ingestion/feed-parser';
import type { HttpClient, HttpResponse } from '../shared/ingestion/ports';
import { NodeHttpFetcher } from '../shared/platform/http-fetcher';
import { parseAllowList } from '../shared/platform/ssrf-guard';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 200);
const ITEMS_PER_FEED = 20;
const CONCURRENCY = 16;

const feedBody = (n: number): string => {
  const items = Array.from(
    { length: ITEMS_PER_FEED },
    (_, i) => `<item><guid>feed-${n}-item-${i}</guid><title>Story ${i} from local paper ${n}</title>
<link>https://paper${n}.example/story/${i}?utm_source=rss</link><pubDate>Mon, 02 Mar 2026 09:${String(i).padStart(2, '0')}:00 GMT</pubDate>
<description><![CDATA[<p>Paragraph about the town council, the weather and <b>school</b> events, number ${i}.</p><p>${'Lorem ipsum dolor sit amet. '.repeat(12)}</p>]]></description></item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Paper ${n}</title><link>https://paper${n}.example/</link>${items.join('\n')}</channel></rss>`;
};

const bodies = Array.from({ length: FEEDS }, (_, n) => Buffer.from(feedBody(n)));

const startServer = async (): Promise<{ url: string; close: () => Promise<void>; bodyBytes: () => number }> => {
  let bodyBytes = 0;
  const server = http.createServer((request, response) => {
    const n = Number(/\/feed\/(\d+)\.xml/.exec(request.url ?? '')?.[1]);
    const body = bodies[n];
    if (!body) return void response.writeHead(404).end();
    const etag = `"v1-${n}"`;
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
    bodyBytes += body.length;
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'content-length': body.length });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodyBytes: () => bodyBytes,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
};

const round = async (sources: Source[], client: HttpClient) => {
  let wireBytes = 0;
  let items = 0;
  let unchanged = 0;
  const counting: HttpClient = {
    get: async (request): Promise<HttpResponse> => {
      const response = await client.get(request);
      wireBytes += response.wireBytes;
      return response;
    },
  };
  const started = performance.now();
  for (let start = 0; start < sources.length; start += CONCURRENCY) {
    const results = await Promise.all(
      sources.slice(start, start + CONCURRENCY).map((source) => feedConnector.poll(source, { http: counting, now: new Date() })),
    );
    results.forEach((result, i) => {
      items += result.items.length;
      if (result.unchanged) unchanged += 1;
      sources[start + i] = { ...sources[start + i]!, etag: result.unchanged ? sources[start + i]!.etag : result.etag };
    });
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, feedsPerSecond: sources.length / seconds, wireBytes, items, unchanged };
};

const hostileMemory = async (): Promise<Record<string, number> | undefined> => {
  const root = path.resolve(import.meta.dirname, '..', '../shared/feeds/hostile');
  if (!existsSync(root)) return undefined;
  const files = readdirSync(root).flatMap((dir) => readdirSync(path.join(root, dir)).map((f) => path.join(root, dir, f)));
  global.gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  let slowest = 0;
  for (const file of files) {
    const started = performance.now();
    await parseFeed(readFileSync(file), { fetchedAt: new Date() }).catch(() => undefined);
    slowest = Math.max(slowest, performance.now() - started);
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  }
  return {
    files: files.length,
    peakHeapGrowthMb: (peakHeap - before.heapUsed) / 2 ** 20,
    peakRssGrowthMb: (peakRss - before.rss) / 2 ** 20,
    slowestFileMs: slowest,
  };
};

const main = async (): Promise<void> => {
  const server = await startServer();
  const fetcher = new NodeHttpFetcher({ allowList: parseAllowList('127.0.0.1') });
  const sources = bodies.map((_, n) =>
    SourceSchema.parse({
      id: `feed-${n}`,
      schoolId: 'bench',
      kind: 'feed',
      label: `Feed ${n}`,
      platform: 'news',
      url: `${server.url}/feed/${n}.xml`,
      nextPollAt: new Date().toISOString(),
    }),
  );
  try {
    const first = await round(sources, fetcher);
    const second = await round(sources, fetcher);
    const fmt = (n: number) => n.toFixed(1);
    console.log(`poll bench: ${FEEDS} feeds × ${ITEMS_PER_FEED} items, concurrency ${CONCURRENCY}, 127.0.0.1`);
    console.log(
      `  round 1 (200, fetch + parse): ${fmt(first.feedsPerSecond)} feeds/s, ${first.items} items, ${first.wireBytes} body bytes, ${fmt(first.seconds)} s`,
    );
    console.log(
      `  round 2 (conditional GET):    ${fmt(second.feedsPerSecond)} feeds/s, ${second.unchanged}/${FEEDS} answered 304, ${second.wireBytes} body bytes, ${fmt(second.seconds)} s`,
    );
    const saved = first.wireBytes - second.wireBytes;
    console.log(`  bytes saved by conditional GET: ${saved} (${fmt((100 * saved) / first.wireBytes)} % of the body bytes)`);
    const memory = await hostileMemory();
    if (memory) {
      console.log(
        `  hostile corpus: ${memory.files} files, peak heap growth ${fmt(memory.peakHeapGrowthMb!)} MB, peak RSS growth ${fmt(memory.peakRssGrowthMb!)} MB, slowest file ${fmt(memory.slowestFileMs!)} ms`,
      );
    } else {
      console.log('  hostile corpus: skipped (../shared/feeds not found)');
    }
  } finally {
    fetcher.destroy();
    await server.close();
  }
};

await main();
