import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpGateway, type HttpHandler } from '../../../infra/local/http-gateway';
import { ActionLinkSigner } from '../../../shared/cases/action-links';
import { caseIdFor } from '../../../shared/cases/case-lifecycle';
import { recipientTag } from '../../../shared/cases/routing';
import { dynamoDocumentClient } from '../../../shared/platform/clients';
import { DynamoCaseRepository } from '../../../shared/platform/dynamo-case-repository';
import { alert, schoolInput } from '../../unit/cases/fixtures';
import { startCaseStack, type CaseStack } from './harness';

let stack: CaseStack;
let gateway: { baseUrl: string; stop(): Promise<void> };
let notify: (event: SQSEvent) => Promise<SQSBatchResponse>;
let cases: DynamoCaseRepository;

const HOSTILE = 'Meet me at the gates <script>alert("x")</script>';
const caseId = caseIdFor('ashgrove-primary', 'link-case');

/** The action links in the DSL's alert email, as sent. */
const linksFromMailbox = async (): Promise<Record<'acknowledge' | 'handle' | 'false_positive', string>> => {
  const email = (await stack.mailbox()).find((m) => m.destination.to[0] === 'dsl@ashgrove.example')!;
  const link = (label: string) => new RegExp(`^  ${label}: (\\S+)$`, 'm').exec(email.body.text!)![1]!;
  return { acknowledge: link('Acknowledge'), handle: link('Handled'), false_positive: link('False positive') };
};

const tokenOf = (url: string): string => new URL(url).searchParams.get('t')!;
const post = (url: string, fields: Record<string, string>) =>
  fetch(url, { method: 'POST', body: new URLSearchParams({ t: tokenOf(url), ...fields }), redirect: 'manual' });
const state = async () => {
  const stored = (await cases.get(caseId))!;
  return { status: stored.case.status, revision: stored.case.revision, history: (await cases.history(caseId)).length };
};

beforeAll(async () => {
  gateway = await startHttpGateway(
    ['GET', 'POST'].map((method) => ({
      method,
      path: '/actions',
      handler: async () => (await import('../../../functions/case-action')).handler as HttpHandler,
    })),
  );
  stack = await startCaseStack(`${gateway.baseUrl}/actions`);
  await stack.putSchool(schoolInput());
  ({ handler: notify } = await import('../../../functions/notify-alerts'));
  cases = new DynamoCaseRepository(dynamoDocumentClient(), stack.provisioned.tableName);
  await notify(await stack.alertEvent(alert({ id: 'link-case', text: HOSTILE })));
});

afterAll(async () => {
  await gateway?.stop();
  await stack?.stop();
});

describe('action links over real HTTP on 127.0.0.1', () => {
  it('opening a link shows a confirmation page with a POST button and changes nothing', async () => {
    const { acknowledge } = await linksFromMailbox();
    expect(acknowledge.startsWith(`${gateway.baseUrl}/actions?t=`)).toBe(true);
    const before = await state();
    for (let i = 0; i < 2; i++) {
      const page = await fetch(acknowledge);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      const html = await page.text();
      expect(html).toContain('<form method="post">');
      expect(html).toContain('Dee Ess &lt;dsl@ashgrove.example&gt; (email link)');
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(html).not.toContain('<script>');
    }
    expect(await state()).toEqual(before);
  });

  it('confirming acknowledges the case once, records who, and a replay is refused with 410', async () => {
    const { acknowledge } = await linksFromMailbox();
    const done = await post(acknowledge, { action: 'acknowledge', note: 'On it' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Done: the case was acknowledged.');
    const after = await state();
    expect(after).toMatchObject({ status: 'acknowledged', revision: 1, history: 2 });
    expect((await cases.history(caseId)).at(-1)).toMatchObject({ actor: 'Dee Ess <dsl@ashgrove.example> (email link)', note: 'On it' });

    const replay = await post(acknowledge, { action: 'acknowledge' });
    expect(replay.status).toBe(410);
    const html = await replay.text();
    expect(html).toContain('This link has already been used.');
    expect(html).toContain('Nothing was changed.');
    expect((await fetch(acknowledge)).status).toBe(410);
    expect(await state()).toEqual(after);
  });

  it('a tampered link is refused with 403 and changes nothing', async () => {
    const { handle } = await linksFromMailbox();
    const token = tokenOf(handle);
    const [payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('"a":"handle"', '"a":"false_positive"')).toString('base64url');
    const tampered = `${gateway.baseUrl}/actions?t=${forgedPayload}.${signature}`;
    const before = await state();
    expect((await fetch(tampered)).status).toBe(403);
    const refused = await post(tampered, { action: 'false_positive' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('This link is not valid: it has been altered or was not issued by us.');
    expect((await fetch(`${gateway.baseUrl}/actions`)).status).toBe(403);
    expect(await state()).toEqual(before);
  });

  it('an expired link is refused with 410, and a link posted as another action with 403; neither changes anything', async () => {
    const signer = new ActionLinkSigner(stack.signingKey, `${gateway.baseUrl}/actions`);
    const expired = signer.url(signer.sign(caseId, 'handle', new Date(Date.now() - 15 * 86_400_000), recipientTag('head@ashgrove.example')));
    const before = await state();
    const gone = await post(expired, { action: 'handle', step: 'police' });
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('This link has expired.');
    const { false_positive } = await linksFromMailbox();
    const wrong = await post(false_positive, { action: 'handle', step: 'police' });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('This link is for a different action.');
    expect(await state()).toEqual(before);
  });

  it('Handled records the ladder step and the note; the page confirms it escaped', async () => {
    const { handle } = await linksFromMailbox();
    const form = await (await fetch(handle)).text();
    expect(form).toContain('<option value="reported_to_platform">Report the content to the platform and ask for removal</option>');
    const done = await post(handle, { action: 'handle', step: 'reported_to_platform', note: 'Reported <b>today</b>' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Action taken: Report the content to the platform and ask for removal');
    const stored = (await cases.get(caseId))!;
    expect(stored.case).toMatchObject({ status: 'handled', actionTaken: 'reported_to_platform', revision: 2 });
    expect((await cases.history(caseId)).map((h) => h.action)).toEqual(['opened', 'acknowledged', 'handled: reported_to_platform']);
    const { false_positive } = await linksFromMailbox();
    const late = await post(false_positive, { action: 'false_positive' });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('is already handled');
  });
});
