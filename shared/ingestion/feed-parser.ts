/**
 * Bytes of an RSS 2.0 / RSS 1.0 (RDF) / Atom document to source items, with rss-parser's parseString.
 * Before the parser: gunzip a body that is a gzip stream, decode the charset, refuse entity
 * declarations. If the strict parse fails on the usual sloppiness (bare "&", undefined HTML entities,
 * control characters), one repaired attempt follows; otherwise the error says why the feed is unusable.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import Parser from 'rss-parser';
import sax from 'sax';
import { ValidationError } from '../platform/errors';
import { decodeFeedBody } from './charset';
import { htmlToPlainText, MAX_TITLE_LENGTH } from './html-text';
import type { SourceItem } from './ports';
import { resolveLink } from './url-normalise';
import { assertNoEntityDeclarations } from './xml-guard';

export const MAX_FEED_BYTES = 5 * 1024 * 1024;
export const MAX_FEED_ITEMS = 500;

export class UnusableFeedError extends ValidationError {}

export interface ParseOptions {
  contentType?: string;
  /** Where the feed came from: the base for relative links. */
  feedUrl?: string;
  /** Items without a date get this one. */
  fetchedAt: Date;
  maxItems?: number;
}

export interface ParsedFeed {
  title?: string;
  items: SourceItem[];
}

type Attributes = Record<string, string | undefined>;
type RawItem = Parser.Item & {
  attrs?: Attributes;
  id?: string;
  author?: string;
  date?: string;
  'content:encoded'?: string;
  summary?: string;
};
type RawFeed = Parser.Output<RawItem> & { attrs?: Attributes };

/** `$` with keepArray copies the element's attributes (xml:base) into `attrs`. */
const PARSER_OPTIONS = {
  defaultRSS: 2,
  customFields: {
    feed: [['$', 'attrs', { keepArray: true }]],
    item: [['$', 'attrs', { keepArray: true }], 'summary', 'id'],
  },
} as unknown as Parser.ParserOptions<RawFeed, RawItem>;

/**
 * rss-parser's Atom builder calls `new Date(published).toISOString()` unguarded, so one unreadable
 * date throws away the whole feed. Dates it cannot read are removed first (the item then gets the
 * fetch time, like any undated item).
 */
type AtomEntry = Record<string, unknown[] | undefined>;
const atomPrototype = Parser.prototype as unknown as { parseItemAtom(entry: AtomEntry): unknown };
class TolerantParser extends Parser<RawFeed, RawItem> {}
(TolerantParser.prototype as unknown as typeof atomPrototype).parseItemAtom = function parseItemAtom(entry) {
  for (const field of ['published', 'updated']) {
    const value = entry[field]?.[0];
    const text = typeof value === 'string' ? value : asText(value);
    if (text !== undefined && Number.isNaN(Date.parse(text))) delete entry[field];
  }
  return atomPrototype.parseItemAtom.call(this, entry);
};

/** A parser per document: xml2js keeps state between calls. */
const parser = (): Parser<RawFeed, RawItem> => new TolerantParser(PARSER_OPTIONS);

/** The module-level table sax consults in non-strictEntities mode (its typings only declare the instance one). */
const SAX_ENTITIES = (sax as unknown as { ENTITIES: Record<string, unknown> }).ENTITIES;

/** Entities sax resolves (XML's five and HTML's named ones) are kept; any other "&" becomes literal text. */
const ENTITY_REFERENCE = /^(?:#\d{1,7}|#x[0-9a-f]{1,6}|([a-z][a-z0-9]{1,31}));/i;
const isKnownReference = (text: string): boolean => {
  const match = ENTITY_REFERENCE.exec(text);
  return match !== null && (match[1] === undefined || Object.hasOwn(SAX_ENTITIES, match[1]));
};

const repair = (xml: string): string => {
  const cleaned = xml.trimStart().replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
  return cleaned.replace(/&/g, (amp, offset: number) =>
    isKnownReference(cleaned.slice(offset + 1, offset + 42)) ? amp : '&amp;',
  );
};

/** rss-parser throws TypeErrors on documents without the structure it expects (an <rss> with no <channel>). */
const firstLine = (error: unknown): string =>
  error instanceof TypeError
    ? 'the document has no RSS channel or Atom feed structure'
    : (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);

const parseXml = async (xml: string): Promise<RawFeed> => {
  try {
    return await parser().parseString(xml);
  } catch (firstError) {
    const repaired = repair(xml);
    if (repaired === xml) throw new UnusableFeedError(`Not a usable feed: ${firstLine(firstError)}`);
    try {
      return await parser().parseString(repaired);
    } catch {
      throw new UnusableFeedError(`Not a usable feed: ${firstLine(firstError)}`);
    }
  }
};

const isGzip = (body: Buffer): boolean => body.length > 2 && body[0] === 0x1f && body[1] === 0x8b;

const gunzipped = (body: Buffer): Buffer => {
  try {
    return gunzipSync(body, { maxOutputLength: MAX_FEED_BYTES });
  } catch (cause) {
    throw new UnusableFeedError(`Not a usable feed: a gzip body that does not unpack within ${MAX_FEED_BYTES} bytes`, {
      cause,
    });
  }
};

/** Google Alerts and Google News wrap article links in a redirect: the article is the identity. */
const unwrapRedirect = (link: string | undefined): string | undefined => {
  if (!link) return link;
  try {
    const url = new URL(link);
    if (/(^|\.)google\.[a-z.]+$/.test(url.hostname) && url.pathname === '/url') {
      return resolveLink(url.searchParams.get('url') ?? url.searchParams.get('q') ?? undefined) ?? link;
    }
  } catch {
    return link;
  }
  return link;
};

const validIso = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
};

const asText = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { _?: unknown })._ === 'string') {
    return (value as { _: string })._;
  }
  return undefined;
};

const toItem = (raw: RawItem, feedBase: string | undefined, fetchedAt: Date): SourceItem | undefined => {
  const base = resolveLink(raw.attrs?.['xml:base'], feedBase) ?? feedBase;
  const guid = asText(raw.guid) ?? asText(raw.id);
  const link = unwrapRedirect(
    resolveLink(asText(raw.link), base) ?? (guid && /^https?:\/\//i.test(guid) ? resolveLink(guid) : undefined),
  );
  const title = htmlToPlainText(asText(raw.title), MAX_TITLE_LENGTH) || undefined;
  const text = htmlToPlainText(
    asText(raw['content:encoded']) ?? asText(raw.content) ?? asText(raw.summary) ?? raw.contentSnippet,
  );
  if (!title && !text && !link) return undefined;
  const author = htmlToPlainText(asText(raw.creator) ?? asText(raw.author), 200) || undefined;
  const publishedAt =
    validIso(asText(raw.isoDate)) ?? validIso(asText(raw.pubDate)) ?? validIso(asText(raw.date)) ?? fetchedAt.toISOString();
  const externalId =
    guid?.trim() ||
    link ||
    createHash('sha256').update(`${title ?? ''}\n${text}\n${raw.pubDate ?? ''}`).digest('hex').slice(0, 40);
  return { externalId, url: link, urlIdentifiesItem: true, title, text, author, publishedAt };
};

export const parseFeed = async (body: Buffer, options: ParseOptions): Promise<ParsedFeed> => {
  if (body.length === 0) throw new UnusableFeedError('Not a usable feed: the document is empty');
  if (body.length > MAX_FEED_BYTES) {
    throw new UnusableFeedError(`Not a usable feed: larger than the ${MAX_FEED_BYTES}-byte cap`);
  }
  const bytes = isGzip(body) ? gunzipped(body) : body;
  const { text } = decodeFeedBody(bytes, options.contentType);
  if (!text.trim()) throw new UnusableFeedError('Not a usable feed: the document is empty');
  assertNoEntityDeclarations(text);
  const feed = await parseXml(text);
  // Relative links: xml:base first, then the site the feed describes, then where the feed came from.
  const siteOrDocument = resolveLink(feed.link, options.feedUrl) ?? options.feedUrl;
  const linkBase = resolveLink(feed.attrs?.['xml:base'], siteOrDocument) ?? siteOrDocument;
  const items: SourceItem[] = [];
  for (const raw of (feed.items ?? []).slice(0, options.maxItems ?? MAX_FEED_ITEMS)) {
    const item = toItem(raw, linkBase, options.fetchedAt);
    if (item) items.push(item);
  }
  return { title: htmlToPlainText(asText(feed.title), MAX_TITLE_LENGTH) || undefined, items };
};
