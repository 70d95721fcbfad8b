import { describe, expect, it } from 'vitest';
import he from 'he';
import { renderCaseEmail, ALERT_TEXT_MAX_CHARS } from '../../../shared/cases/email/case-emails';
import { openCase } from '../../../shared/cases/case-lifecycle';
import { neutralise, shorten } from '../../../shared/cases/email/safe-text';
import { classification, mention, school } from './fixtures';

const links = { acknowledge: 'https://a.example/actions?t=1', handle: 'https://a.example/actions?t=2', false_positive: 'https://a.example/actions?t=3' };

const render = (overrides: Parameters<typeof mention>[0], categories: Parameters<typeof classification>[0] = ['threat', 'safeguarding']) => {
  const { stored } = openCase(
    mention(overrides),
    classification(categories, 'critical'),
    { receivedAt: new Date('2026-03-21T19:30:00Z'), dueAt: new Date('2026-03-23T17:00:00Z') },
    new Date('2026-03-21T19:31:00Z'),
  );
  return renderCaseEmail({ kind: 'alert' }, stored, school(), { address: 'dsl@ashgrove.example', roles: ['dsl'] }, links, 'k');
};

/** The text inside the mention's blockquote, tags removed and entities decoded: what a reader sees. */
const shownMention = (html: string): string => {
  const inner = /<blockquote class="mention-text"[^>]*>([\s\S]*?)<\/blockquote>/.exec(html)![1]!;
  return he.decode(inner.replace(/<br>/g, '\n').replace(/<\/?bdi>/g, ''));
};

describe('alert email content', () => {
  it('shows the mention, the reasons with policy clauses, next steps (urgent advice first) and the local deadline', () => {
    const email = render({});
    expect(email.text).toContain('Respond by: Monday 23 March 2026, 17:00 GMT');
    expect(email.text).toContain('Author: A Parent');
    expect(email.text).toContain('Link: https://facebook.example/ashgrove/posts/1?comment=1');
    expect(email.text).toContain('- Threat of violence (CRITICAL): Looks like threat');
    expect(email.text).toContain('Policy Trust 4.2.6: “posting comments which threaten violence”');
    expect(email.text).toContain('Evidence: Matched a threat phrase');
    const next = email.text.slice(email.text.indexOf('WHAT TO DO NEXT'));
    expect(next.indexOf('! If anyone is at immediate risk, call 999')).toBeLessThan(next.indexOf('1. Contact the police'));
    expect(next).toContain('1. Contact the police (harassment, racial element, threats of violence); 999 if there is immediate risk (Trust 5.1.3)');
    expect(email.html).toContain('href="https://a.example/actions?t=1"');
    expect(email.text).toContain('False positive: https://a.example/actions?t=3');
  });

  it('escapes HTML and script from a mention and keeps it readable', () => {
    const hostile = `<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes" 'single'`;
    const email = render({ text: hostile, author: '<b onmouseover=alert(1)>Mallory</b>', title: '</title><script>' });
    expect(email.html).not.toMatch(/<script|<img|<b /i);
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(shownMention(email.html)).toBe(hostile);
    expect(email.text).toContain(hostile);
  });

  it('puts header-injection attempts on one line in the subject and the facts', () => {
    const email = render({ title: 'Hello\r\nBcc: victim@example.com\r\n\r\n<h1>body</h1>', author: 'Eve\nTo: x@y' });
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject).toContain('Hello Bcc: victim@example.com <h1>body</h1>');
    expect(email.text).toContain('Author: Eve To: x@y');
    expect(email.text).toContain('Title: Hello Bcc: victim@example.com <h1>body</h1>');
  });

  it('shortens a 50 kB post with a note saying how much is shown', () => {
    const long = 'word '.repeat(10_240);
    const email = render({ text: long });
    expect(email.text.length).toBeLessThan(12_000);
    expect(email.text).toContain(`(Shortened: showing the first ${(ALERT_TEXT_MAX_CHARS - 1).toLocaleString('en-GB')} of 51,200 characters. Open the link to read the whole post.)`);
    expect(email.html).toContain('Shortened: showing the first');
  });

  it('shows right-to-left override marks as visible markers instead of letting them reorder text', () => {
    const spoof = 'invoice\u202Efdp.exe';
    const email = render({ text: spoof, author: 'Admin\u202E\u2066' });
    expect(email.text).toContain('invoice[RLO]fdp.exe');
    expect(email.text).toContain('Author: Admin[RLO][LRI]');
    expect(email.html).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(email.html).toContain('<bdi>invoice[RLO]fdp.exe</bdi>');
  });

  it('links only http(s) URLs', () => {
    const email = render({ url: 'javascript:alert(document.cookie)' });
    expect(email.html).not.toContain('href="javascript:');
    expect(email.text).toContain('Link: javascript:alert(document.cookie)');
  });

  it('neutralise drops control characters but keeps line breaks and normal right-to-left text', () => {
    expect(neutralise('a\u0000b\u001bc\r\nd\u2028e')).toBe('a b c\nd e');
    expect(neutralise('مرحبا \u200F')).toBe('مرحبا \u200F');
    expect(shorten('abc', 10)).toEqual({ text: 'abc' });
    expect(shorten('😀'.repeat(10), 5).text).toBe('😀😀 …');
  });
});
