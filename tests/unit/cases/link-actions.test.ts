import { describe, expect, it } from 'vitest';
import { ActionLinkSigner, LinkGoneError, LinkInvalidError } from '../../../shared/cases/action-links';
import { handleAlert } from '../../../shared/cases/handle-alert';
import { performLink, viewLink } from '../../../shared/cases/link-actions';
import { ConflictError } from '../../../shared/platform/errors';
import { recipientTag } from '../../../shared/cases/routing';
import { alert, fakeDeps, SIGNING_KEY } from './fixtures';

const setup = async () => {
  const deps = fakeDeps('2026-03-18T09:06:00Z');
  const caseId = ((await handleAlert(deps, alert())) as { caseId: string }).caseId;
  const token = (action: 'acknowledge' | 'handle' | 'false_positive') => deps.links.sign(caseId, action, deps.clock.now());
  return { deps, caseId, token };
};

describe('action links as use cases', () => {
  it('viewing a link changes nothing; confirming it acts once and records who', async () => {
    const { deps, caseId, token } = await setup();
    const t = token('acknowledge');
    await viewLink(deps, t);
    await viewLink(deps, t);
    expect((await deps.cases.get(caseId))!.case.status).toBe('new');
    const done = await performLink(deps, t, { action: 'acknowledge', name: 'Mrs Head' });
    expect(done.stored.case).toMatchObject({ status: 'acknowledged', revision: 1, slaOutcome: 'met' });
    expect((await deps.cases.history(caseId)).at(-1)).toMatchObject({ actor: 'Mrs Head (email link)', action: 'acknowledged' });
  });

  it('records the contact the link was sent to as the person acting, whatever name is typed', async () => {
    const { deps, caseId } = await setup();
    const t = deps.links.sign(caseId, 'false_positive', deps.clock.now(), recipientTag('dsl@ashgrove.example'));
    await performLink(deps, t, { name: 'Someone Else', note: 'Song lyrics, not a threat' });
    expect((await deps.cases.history(caseId)).at(-1)).toMatchObject({
      actor: 'Dee Ess <dsl@ashgrove.example> (email link)',
      action: 'false_positive',
      note: 'Song lyrics, not a threat',
    });
  });

  it('refuses a replayed link with 410 and changes nothing', async () => {
    const { deps, caseId, token } = await setup();
    const t = token('handle');
    await performLink(deps, t, { action: 'handle', step: 'reported_to_platform', note: 'Reported' });
    await expect(performLink(deps, t, { action: 'handle', step: 'police' })).rejects.toBeInstanceOf(LinkGoneError);
    await expect(viewLink(deps, t)).rejects.toBeInstanceOf(LinkGoneError);
    expect((await deps.cases.get(caseId))!.case).toMatchObject({ status: 'handled', actionTaken: 'reported_to_platform', revision: 1 });
  });

  it('refuses a form that claims a different action than the link, and a Handled form without a step', async () => {
    const { deps, caseId, token } = await setup();
    const t = token('acknowledge');
    await expect(performLink(deps, t, { action: 'false_positive' })).rejects.toBeInstanceOf(LinkInvalidError);
    await expect(performLink(deps, token('handle'), { action: 'handle' })).rejects.toBeInstanceOf(LinkInvalidError);
    expect((await deps.cases.get(caseId))!.case.revision).toBe(0);
    expect(deps.nonces.spent.size).toBe(0);
  });

  it('refuses an expired link and one signed with another key', async () => {
    const { deps, caseId } = await setup();
    const old = deps.links.sign(caseId, 'acknowledge', new Date('2026-03-01T00:00:00Z'));
    await expect(performLink(deps, old, {})).rejects.toBeInstanceOf(LinkGoneError);
    const forged = new ActionLinkSigner(`${SIGNING_KEY}-other`, 'https://x.example/actions').sign(caseId, 'acknowledge', deps.clock.now());
    await expect(performLink(deps, forged, {})).rejects.toBeInstanceOf(LinkInvalidError);
    expect((await deps.cases.get(caseId))!.case.status).toBe('new');
  });

  it('says "nothing to do" for a link whose case was already closed, without spending it', async () => {
    const { deps, token } = await setup();
    const ack = token('acknowledge');
    await performLink(deps, token('false_positive'), {});
    await expect(viewLink(deps, ack)).rejects.toBeInstanceOf(ConflictError);
    await expect(performLink(deps, ack, {})).rejects.toBeInstanceOf(ConflictError);
    expect(deps.nonces.spent.size).toBe(1);
  });

  it('gives the nonce back when the write fails for a reason a retry could fix', async () => {
    const { deps, caseId, token } = await setup();
    const t = token('acknowledge');
    const update = deps.cases.update.bind(deps.cases);
    deps.cases.update = async () => {
      throw new Error('DynamoDB throttled');
    };
    await expect(performLink(deps, t, {})).rejects.toThrow('throttled');
    deps.cases.update = update;
    await performLink(deps, t, {});
    expect((await deps.cases.get(caseId))!.case.status).toBe('acknowledged');
  });
});
