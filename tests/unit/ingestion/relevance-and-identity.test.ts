import { describe, expect, it } from 'vitest';
import { SchoolSchema, SourceSchema } from '../../../shared/domain/model';
import { mentionIdFor, selectRelevant, toMention } from '../../../shared/ingestion/mentions';
import type { SourceItem } from '../../../shared/ingestion/ports';
import { compileMentionMatcher } from '../../../shared/ingestion/relevance';
import { normaliseUrl } from '../../../shared/ingestion/url-normalise';

const school = SchoolSchema.parse({
  id: 'st-therese',
  name: 'Sainte-Thérèse Academy',
  aliases: ['STA Ashcombe'],
  handles: [
    { platform: 'x', handle: '@StTheresePri' },
    { platform: 'instagram', handle: 'sttherese_official' },
  ],
  hashtags: ['#TeamTherese'],
});
const matcher = compileMentionMatcher(school);

const feedSource = SourceSchema.parse({
  id: 'local-news',
  schoolId: 'st-therese',
  kind: 'feed',
  label: 'Local news',
  platform: 'news',
  url: 'https://news.example/feed',
  nextPollAt: '2026-03-02T09:00:00Z',
});
const officialSource = SourceSchema.parse({
  ...feedSource,
  id: 'fb-page',
  kind: 'facebook_page',
  platform: 'facebook',
  official: true,
  accountId: '1234',
});

const item = (over: Partial<SourceItem>): SourceItem => ({
  externalId: 'a',
  urlIdentifiesItem: true,
  text: '',
  publishedAt: '2026-03-02T08:00:00.000Z',
  ...over,
});

describe('which public items mention the school', () => {
  it.each([
    ['sainte therese academy parents evening', true],
    ['SAINTE-THÉRÈSE ACADEMY wins award', true],
    ['Thanks @sttheresepri for the concert', true],
    ['#teamtherese sports day', true],
    ['sta ashcombe closed today', true],
    ['#TeamThereseFans is another club', false],
    ['Sainte-Thérèse Academyville is a town', false],
    ['email noreply@StTheresePri.example', false],
    ['nothing to see here', false],
  ])('"%s" → %s', (text, expected) => {
    expect(matcher.matches(text)).toBe(expected);
  });

  it('keeps every comment on an official account except the school’s own replies', () => {
    const items = [item({ externalId: '1', text: 'When is sports day?' }), item({ externalId: '2', text: 'Next week', authorId: '1234' })];
    expect(selectRelevant(items, school, officialSource).map((i) => i.externalId)).toEqual(['1']);
  });

  it('drops a public item the school posted itself', () => {
    const items = [item({ text: 'Sainte-Thérèse Academy news', author: '@StTheresePri' })];
    expect(selectRelevant(items, school, feedSource)).toEqual([]);
  });
});

describe('link identity', () => {
  it('drops tracking parameters and the fragment, lower-cases the host and sorts the query', () => {
    expect(normaliseUrl('HTTPS://News.Example.COM/a/b?utm_source=x&z=2&fbclid=abc&a=1&gclid=9&ref=tw#comments')).toBe(
      'https://news.example.com/a/b?a=1&z=2',
    );
  });

  it('gives the same link through two sources one mention id', () => {
    const a = item({ url: 'https://news.example/story?utm_medium=rss', externalId: 'guid-1' });
    const b = item({ url: 'https://NEWS.example/story#top', externalId: 'alert-77' });
    expect(mentionIdFor('st-therese', feedSource, a)).toBe(mentionIdFor('st-therese', { platform: 'web' }, b));
  });

  it('gives comments that share a parent link different ids', () => {
    const a = item({ url: 'https://instagram.example/p/1', urlIdentifiesItem: false, externalId: 'c1' });
    const b = item({ url: 'https://instagram.example/p/1', urlIdentifiesItem: false, externalId: 'c2' });
    expect(mentionIdFor('st-therese', officialSource, a)).not.toBe(mentionIdFor('st-therese', officialSource, b));
  });

  it('caps mention text at 20,000 characters', () => {
    const mention = toMention(item({ text: 'x'.repeat(50_000) }), feedSource, new Date());
    expect(mention.text.length).toBe(20_000);
  });
});
