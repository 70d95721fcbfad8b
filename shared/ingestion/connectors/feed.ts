/** Public feeds: one conditional GET; a 304 costs no parsing. */
import type { Source } from '../../domain/model';
import { ValidationError } from '../../platform/errors';
import { parseFeed } from '../feed-parser';
import type { Connector, PollContext, PollResult } from '../ports';
import { assertSuccess } from '../responses';

const ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1';

export const feedConnector: Connector = {
  async poll(source: Source, { http, now }: PollContext): Promise<PollResult> {
    if (!source.url) throw new ValidationError(`Feed source ${source.id} has no URL.`);
    const headers: Record<string, string> = { accept: ACCEPT };
    if (source.etag) headers['if-none-match'] = source.etag;
    if (source.lastModified) headers['if-modified-since'] = source.lastModified;
    const response = await http.get({ url: source.url, headers });
    if (response.status === 304) return { unchanged: true, items: [], requests: 1 };
    assertSuccess(response, `Feed ${source.label}`, now);
    const feed = await parseFeed(response.body, {
      contentType: response.headers['content-type'],
      feedUrl: response.url,
      fetchedAt: now,
    });
    return {
      unchanged: false,
      items: feed.items,
      etag: response.headers.etag,
      lastModified: response.headers['last-modified'],
      requests: 1,
    };
  },
};
