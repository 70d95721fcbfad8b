/**
 * The shared feed corpus (../shared/feeds): every real feed yields items, every hostile document ends
 * quickly with items or a clear error, and the XML attacks are refused before parsing.
 * Memory under hostile input is measured in bench/poll.ts, not asserted here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../shared/ingestion/feed-parser';
import { XmlAttackError } from '../../../shared/ingestion/xml-guard';
import { AppError } from '../../../shared/platform/errors';

const repoRoot = path.resolve(__dirname, '../../..');
const feedsRoot = path.resolve(repoRoot, '../shared/feeds');
const hasCorpus = existsSync(feedsRoot);
if (!hasCorpus) console.warn(`skipping the feed corpus tests: ${feedsRoot} does not exist`);

const filesUnder = (kind: string): string[] =>
  hasCorpus
    ? readdirSync(path.join(feedsRoot, kind)).flatMap((dir) =>
        readdirSync(path.join(feedsRoot, kind, dir)).map((file) => path.join(kind, dir, file)),
      )
    : [];

const FETCHED_AT = new Date('2026-03-02T09:00:00Z');
const parse = (relative: string) =>
  parseFeed(readFileSync(path.join(feedsRoot, relative)), { fetchedAt: FETCHED_AT, feedUrl: 'https://feeds.example/feed.xml' });

describe.skipIf(!hasCorpus)('real feeds in ../shared/feeds/real', () => {
  it.each(filesUnder('real'))('%s yields items, each with text or a title and a valid date', async (file) => {
    const { items } = await parse(file);
    expect(items.length, `${file} produced no items`).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.externalId.length).toBeGreaterThan(0);
      expect(Boolean(item.title || item.text || item.url)).toBe(true);
      expect(Number.isNaN(Date.parse(item.publishedAt))).toBe(false);
      expect(item.text).not.toMatch(/<(script|div|iframe)\b/i);
      if (item.url) expect(item.url).toMatch(/^https?:\/\//);
    }
  });

  it('decodes a declared ISO-8859-1 feed to the right accented text', async () => {
    const { items } = await parse('real/encodings/feedrs__rss_0.91_encoding_1_iso-8859-1.xml');
    expect(items[0]!.title).toBe('bash - Expansão de Parâmetros');
  });

  it('decodes windows-1251 and gb2312 feeds without replacement characters', async () => {
    for (const file of ['real/encodings/nodefp__iconv_windows-1251.xml', 'real/encodings/nnw__kc0011_gb2312.rss']) {
      const { items } = await parse(file);
      expect(items.map((i) => `${i.title}${i.text}`).join('')).not.toContain('\ufffd');
    }
  });

  it('resolves relative item links against the feed', async () => {
    const { items } = await parse('real/relative-links/prof18__atom-relative-url.xml');
    expect(items[0]!.url).toBe('https://feeds.example/2024/12/18/What-The-Distribution.html');
  });

  it('unwraps Google Alerts redirect links to the article itself', async () => {
    const { items } = await parse('real/google/feedjira__google_alerts_atom.xml');
    expect(items[0]!.url).toBe(
      'https://www.aglobalmarketresearch.com/report-offers-prediction-of-automotive-slack-market-by-top-key-players-like-haldex-meritor-bendix-mei-wabco-accuride-stemco-tbk-febi-aydinsan/',
    );
  });

  it('gives items without a date the fetch time', async () => {
    const { items } = await parse('real/rss2/feedrs__rss_0.92_spec_1.xml');
    expect(items.every((i) => i.publishedAt === FETCHED_AT.toISOString())).toBe(true);
  });
});

describe.skipIf(!hasCorpus)('hostile documents in ../shared/feeds/hostile', () => {
  it.each(filesUnder('hostile'))('%s ends within 5 s with items or a clear named error', async (file) => {
    const started = performance.now();
    let outcome: 'items' | 'error';
    try {
      const { items } = await parse(file);
      outcome = 'items';
      for (const item of items) expect(item.text.length).toBeLessThanOrEqual(20_000);
    } catch (error) {
      outcome = 'error';
      expect(error, `${file} threw something that is not a named error`).toBeInstanceOf(AppError);
      expect((error as Error).message.length).toBeGreaterThan(10);
      expect((error as Error).message).not.toMatch(/\n\s+at /);
    }
    expect(['items', 'error']).toContain(outcome);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it.each(filesUnder('hostile').filter((f) => f.includes('xml-attacks') && !f.endsWith('dtd.xml')))(
    '%s is refused as an XML attack before parsing',
    async (file) => {
      await expect(parse(file)).rejects.toBeInstanceOf(XmlAttackError);
    },
  );

  it('refuses feed-shaped external entities (file and http SYSTEM ids)', async () => {
    for (const file of ['fv__rss_should_system_entity.xml', 'fv__rss_should_system_entity_http.xml']) {
      await expect(parse(`hostile/feedvalidator/${file}`)).rejects.toThrow(/external XML entity/);
    }
  });

  it('reads a DOCTYPE that only names an external DTD without fetching it', async () => {
    await expect(parse('hostile/xml-attacks/defusedxml__dtd.xml')).rejects.toThrow(/Not a usable feed/);
  });

  it('unpacks a gzip body saved as .xml', async () => {
    const { items } = await parse('hostile/broken/nodefp__compressed.xml');
    expect(items.length).toBeGreaterThan(0);
  });

  it('turns windows-1252 punctuation in a Latin-1 feed into the characters the author typed', async () => {
    const { items } = await parse('hostile/encoding/fp__demoronize-1.xml');
    expect(items[0]!.text).toBe('don’t');
  });

  it('recovers a feed with a bare ampersand and still decodes the entities after it', async () => {
    const feed = await parse('hostile/edge/gofeed__issue_305_bare_ampersand.xml');
    expect(feed.title).toBe('Fish & Chips & more <3');
  });

  it('strips a script payload from item text', async () => {
    const { items } = await parse('hostile/html-payloads/fp__sanitize_item_description_script.xml');
    expect(items[0]!.text).toBe('safe description');
  });

  it('strips an iframe payload from item text', async () => {
    const { items } = await parse('hostile/html-payloads/fp__sanitize_item_description_iframe.xml');
    expect(items[0]!.text).not.toMatch(/iframe|example\.com/);
    expect(items[0]!.text.startsWith('safe')).toBe(true);
  });

  it('turns HTML that a feed escaped twice into plain text', async () => {
    const { items } = await parse('real/reddit/rssparser__reddit-atom.rss');
    expect(items.every((i) => !/<(div|p)\b|SC_OFF/.test(i.text))).toBe(true);
  });
});
