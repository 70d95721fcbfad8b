import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFeedBody } from '../../../shared/ingestion/charset';
import { parseFeed } from '../../../shared/ingestion/feed-parser';
import { assertNoEntityDeclarations, XmlAttackError } from '../../../shared/ingestion/xml-guard';

const rss = (title: string, declaration = '<?xml version="1.0"?>'): string =>
  `${declaration}<rss version="2.0"><channel><title>t</title><item><title>${title}</title><link>https://news.example/a</link></item></channel></rss>`;

describe('decoding a feed body', () => {
  it('uses the charset of the Content-Type header', () => {
    const body = iconv.encode(rss('Café'), 'windows-1252');
    expect(decodeFeedBody(body, 'application/rss+xml; charset=ISO-8859-1').text).toContain('Café');
  });

  it('uses the XML declaration when the header has no charset', () => {
    const body = iconv.encode(rss('Ελλάδα', '<?xml version="1.0" encoding="iso-8859-7"?>'), 'iso-8859-7');
    expect(decodeFeedBody(body, 'text/xml').text).toContain('Ελλάδα');
  });

  it('reads UTF-16 with a byte-order mark whatever the header says', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(rss('Zoë'), 'utf-16le')]);
    expect(decodeFeedBody(body, 'text/xml; charset=utf-8').text).toContain('Zoë');
  });

  it('falls back to windows-1252 for undeclared bytes that are not UTF-8', () => {
    const body = iconv.encode(rss('“smart” déjà'), 'windows-1252');
    expect(decodeFeedBody(body).text).toContain('“smart” déjà');
  });

  it('drops a UTF-8 byte-order mark', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss('x'))]);
    expect(decodeFeedBody(body).text.startsWith('<?xml')).toBe(true);
  });

  it('names an unsupported encoding in the error', () => {
    expect(() => decodeFeedBody(Buffer.from(rss('x', '<?xml version="1.0" encoding="x-klingon"?>')))).toThrow(
      /unsupported character encoding "x-klingon"/,
    );
  });
});

describe('the XML entity guard', () => {
  it('refuses a billion-laughs DOCTYPE before parsing', () => {
    const bomb = '<!DOCTYPE lol [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title></channel></rss>';
    expect(() => assertNoEntityDeclarations(bomb)).toThrow(XmlAttackError);
  });

  it('refuses an external entity and says so', () => {
    const xxe = '<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE r [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]><r>&x;</r>';
    expect(() => assertNoEntityDeclarations(xxe)).toThrow(/external XML entity/);
  });

  it('allows a DOCTYPE that only names the RSS 0.91 DTD', () => {
    const doc = '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"></rss>';
    expect(() => assertNoEntityDeclarations(doc)).not.toThrow();
  });

  it('ignores "<!ENTITY" text inside the feed body (a blog post about XXE is not an attack)', async () => {
    const post = rss('About &lt;!ENTITY&gt; attacks <![CDATA[<!DOCTYPE x [<!ENTITY y "z">]>]]>');
    const { items } = await parseFeed(Buffer.from(post), { fetchedAt: new Date() });
    expect(items).toHaveLength(1);
    expect(items[0]!.title).toContain('attacks');
  });
});

describe('parsing sloppy feeds', () => {
  it('repairs a bare ampersand and an undefined entity instead of dropping the feed', async () => {
    const sloppy = rss('Fish & Chips &nbsp;at &unknown; Ashcombe');
    const { items } = await parseFeed(Buffer.from(sloppy), { fetchedAt: new Date() });
    expect(items[0]!.title).toBe('Fish & Chips at &unknown; Ashcombe');
  });

  it('refuses a body that is not a feed with a reason', async () => {
    await expect(parseFeed(Buffer.from('<html><body>Moved</body></html>'), { fetchedAt: new Date() })).rejects.toThrow(
      /Not a usable feed/,
    );
  });
});

describe('dates', () => {
  it('keeps an Atom feed whose entry has an unreadable date, dating that entry at the fetch time', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><id>1</id><title>Ashcombe news</title><link href="https://news.example/1"/><published>{{iso:-5m}}</published></entry>
<entry><id>2</id><title>Other</title><link href="https://news.example/2"/><published>2026-03-01T10:00:00Z</published></entry></feed>`;
    const fetchedAt = new Date('2026-03-02T09:00:00Z');
    const { items } = await parseFeed(Buffer.from(atom), { fetchedAt });
    expect(items.map((i) => i.publishedAt)).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-01T10:00:00.000Z']);
  });
});
