import { describe, expect, it } from 'vitest';
import { handleAlert, receivedAtFor } from '../../../shared/cases/handle-alert';
import { NotFoundError } from '../../../shared/platform/errors';
import { actOnCase } from '../../../shared/cases/act-on-case';
import { recipientTag } from '../../../shared/cases/routing';
import { alert, fakeDeps, mention } from './fixtures';

const NOW = '2026-03-18T09:06:00.000Z';

describe('handleAlert', () => {
  it('opens one case for a critical threat and emails the DSL and the headteacher each once, with their own links', async () => {
    const deps = fakeDeps(NOW);
    const outcome = await handleAlert(deps, alert());
    expect(outcome).toMatchObject({ kind: 'case', created: true, delivery: 'email' });
    const caseId = (outcome as { caseId: string }).caseId;
    expect(deps.cases.items.size).toBe(1);
    expect(deps.mailer.sent.map((e) => e.to)).toEqual([['dsl@ashgrove.example'], ['head@ashgrove.example']]);
    for (const email of deps.mailer.sent) {
      const address = email.to[0]!;
      expect(email.subject).toBe('[CRITICAL] Threat of violence: "Comment on "Sports day"" (Ashgrove Primary School)');
      expect(email.key).toBe(`email:alert:${caseId}:${recipientTag(address)}`);
      const tokens = [...email.text.matchAll(/https:\/\/actions\.example\/actions\?t=([\w.-]+)/g)].map((m) => m[1]!);
      expect(tokens).toHaveLength(3);
      for (const token of tokens) expect(deps.links.verify(token, new Date(NOW)).recipient).toBe(recipientTag(address));
    }
  });

  it('a redelivered alert finds the same case and sends nothing more', async () => {
    const deps = fakeDeps(NOW);
    await handleAlert(deps, alert());
    const again = await handleAlert(deps, alert());
    expect(again).toMatchObject({ kind: 'case', created: false, delivery: 'already_done' });
    expect(deps.cases.items.size).toBe(1);
    expect(deps.mailer.sent).toHaveLength(2);
  });

  it('a failed send for one recipient is retried on redelivery without a second copy for the other', async () => {
    const deps = fakeDeps(NOW);
    deps.mailer.failNext = 1;
    await expect(handleAlert(deps, alert())).rejects.toThrow('SES is down');
    expect(deps.cases.items.size).toBe(1);
    expect(deps.mailer.sent.map((e) => e.to[0])).toEqual(['head@ashgrove.example']);
    const retry = await handleAlert(deps, alert());
    expect(retry).toMatchObject({ created: false, delivery: 'email' });
    expect(deps.mailer.sent.map((e) => e.to[0])).toEqual(['head@ashgrove.example', 'dsl@ashgrove.example']);
  });

  it('puts a medium complaint in the digest once, not in an email', async () => {
    const deps = fakeDeps(NOW);
    const medium = alert({}, ['complaint'], 'medium');
    expect(await handleAlert(deps, medium)).toMatchObject({ delivery: 'digest' });
    expect(await handleAlert(deps, medium)).toMatchObject({ delivery: 'already_done' });
    expect(deps.mailer.sent).toHaveLength(0);
    expect(deps.digests.entries).toHaveLength(1);
  });

  it('opens a case for an unflagged official-account comment and queues it for the digest', async () => {
    const deps = fakeDeps(NOW);
    const outcome = await handleAlert(deps, alert({ isOfficialAccountComment: true }, [], null));
    expect(outcome).toMatchObject({ kind: 'case', delivery: 'digest' });
    const stored = [...deps.cases.items.values()][0]!;
    expect(stored.case).toMatchObject({ isOfficialAccountComment: true, severity: null, categories: [] });
  });

  it('ignores an alert that is neither flagged nor an official-account comment', async () => {
    const deps = fakeDeps(NOW);
    expect(await handleAlert(deps, alert({}, [], null))).toMatchObject({ kind: 'ignored' });
    expect(deps.cases.items.size).toBe(0);
  });

  it('sends nothing when the case was closed before a late redelivery', async () => {
    const deps = fakeDeps(NOW);
    deps.mailer.failNext = 2;
    await expect(handleAlert(deps, alert())).rejects.toThrow();
    const caseId = [...deps.cases.items.keys()][0]!;
    await actOnCase(deps.cases, caseId, { action: 'false_positive', actor: 'cli' }, new Date(NOW));
    expect(await handleAlert(deps, alert())).toMatchObject({ delivery: 'case_closed' });
    expect(deps.mailer.sent).toHaveLength(0);
  });

  it('fails (to the DLQ) for an unknown school', async () => {
    const deps = fakeDeps(NOW);
    await expect(handleAlert(deps, alert({ schoolId: 'no-such-school' }))).rejects.toThrow(NotFoundError);
  });

  it('starts the clock at posting for official comments (capped at fetch) and at discovery otherwise', () => {
    const official = mention({ isOfficialAccountComment: true, publishedAt: '2026-03-18T08:00:00Z', fetchedAt: '2026-03-18T08:10:00Z' });
    expect(receivedAtFor(official).toISOString()).toBe('2026-03-18T08:00:00.000Z');
    const skewed = mention({ isOfficialAccountComment: true, publishedAt: '2026-03-18T09:00:00Z', fetchedAt: '2026-03-18T08:10:00Z' });
    expect(receivedAtFor(skewed).toISOString()).toBe('2026-03-18T08:10:00.000Z');
    const news = mention({ publishedAt: '2026-01-01T08:00:00Z', fetchedAt: '2026-03-18T08:10:00Z' });
    expect(receivedAtFor(news).toISOString()).toBe('2026-03-18T08:10:00.000Z');
  });
});
