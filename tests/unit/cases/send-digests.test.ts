import { describe, expect, it } from 'vitest';
import { actOnCase } from '../../../shared/cases/act-on-case';
import { handleAlert } from '../../../shared/cases/handle-alert';
import { sendDueDigests } from '../../../shared/cases/send-digests';
import { alert, fakeDeps } from './fixtures';

// The school's digest interval is 60 minutes: windows are whole UTC hours; each is sent 2 minutes after it closes.
const queueTwo = async () => {
  const deps = fakeDeps('2026-03-18T09:10:00Z');
  await handleAlert(deps, alert({ id: 'm-1' }, ['complaint'], 'medium'));
  deps.clock.set('2026-03-18T09:40:00Z');
  await handleAlert(deps, alert({ id: 'm-2', isOfficialAccountComment: true, author: 'Parent <b>two</b>' }, [], null));
  return deps;
};

describe('sendDueDigests', () => {
  it('waits until the window has closed (plus the grace) before sending', async () => {
    const deps = await queueTwo();
    deps.clock.set('2026-03-18T10:01:00Z');
    expect(await sendDueDigests(deps)).toMatchObject({ emails: 0, entries: 0 });
    expect(deps.digests.entries).toHaveLength(2);
  });

  it('sends each recipient one digest of their cases, then clears the window; a second run sends nothing', async () => {
    const deps = await queueTwo();
    deps.clock.set('2026-03-18T10:02:00Z');
    expect(await sendDueDigests(deps)).toMatchObject({ emails: 2, entries: 2 });
    expect(await sendDueDigests(deps)).toMatchObject({ emails: 0, entries: 0 });
    const byRecipient = Object.fromEntries(deps.mailer.sent.map((e) => [e.to[0], e]));
    expect(Object.keys(byRecipient).sort()).toEqual(['business@ashgrove.example', 'moderator@ashgrove.example']);
    expect(byRecipient['business@ashgrove.example']!.subject).toBe('Digest: 1 mention to review (Ashgrove Primary School)');
    expect(byRecipient['moderator@ashgrove.example']!.html).toContain('Parent &lt;b&gt;two&lt;/b&gt;');
    expect(deps.digests.entries).toHaveLength(0);
  });

  it('after a failed send, the next run sends only what is missing', async () => {
    const deps = await queueTwo();
    deps.clock.set('2026-03-18T10:05:00Z');
    deps.mailer.failNext = 1;
    const first = await sendDueDigests(deps);
    expect(first.failures).toHaveLength(1);
    expect(deps.digests.entries).toHaveLength(2);
    expect(deps.mailer.sent).toHaveLength(1);
    const second = await sendDueDigests(deps);
    expect(second).toMatchObject({ emails: 1, failures: [] });
    expect(deps.mailer.sent.map((e) => e.to[0]).sort()).toEqual(['business@ashgrove.example', 'moderator@ashgrove.example']);
    expect(deps.digests.entries).toHaveLength(0);
  });

  it('leaves out cases closed before the digest went out', async () => {
    const deps = await queueTwo();
    const [first] = deps.digests.entries;
    await actOnCase(deps.cases, first!.caseId, { action: 'handle', step: 'reply_posted', actor: 'm' }, new Date('2026-03-18T09:50:00Z'));
    deps.clock.set('2026-03-18T10:02:00Z');
    expect(await sendDueDigests(deps)).toMatchObject({ emails: 1, entries: 2 });
    expect(deps.mailer.sent[0]!.to).toEqual(['moderator@ashgrove.example']);
  });
});
