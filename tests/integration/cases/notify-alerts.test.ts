import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { caseIdFor } from '../../../shared/cases/case-lifecycle';
import { sendDueDigests } from '../../../shared/cases/send-digests';
import { dynamoDocumentClient } from '../../../shared/platform/clients';
import { caseContext } from '../../../shared/platform/dynamo-case-wiring';
import { alert, FakeClock, schoolInput } from '../../unit/cases/fixtures';
import { startCaseStack, type CaseStack } from './harness';

let stack: CaseStack;
let handler: (event: SQSEvent) => Promise<SQSBatchResponse>;

const caseItems = async () => {
  const result = await dynamoDocumentClient().send(
    new ScanCommand({
      TableName: stack.provisioned.tableName,
      FilterExpression: '#type = :case',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':case': 'case' },
    }),
  );
  return result.Items ?? [];
};

beforeAll(async () => {
  stack = await startCaseStack();
  await stack.putSchool(schoolInput());
  ({ handler } = await import('../../../functions/notify-alerts'));
});

afterAll(async () => stack?.stop());

beforeEach(async () => stack.clearMailbox());

describe('notify-alerts against the emulators', () => {
  it('one flagged mention opens exactly one case and emails the DSL and the headteacher once each', async () => {
    const message = alert({ id: 'threat-1' });
    const response = await handler(await stack.alertEvent(message));
    expect(response.batchItemFailures).toEqual([]);

    const cases = (await caseItems()).filter((i) => i.mention.id === 'threat-1');
    expect(cases).toHaveLength(1);
    expect(cases[0]!.pk).toBe(`CASE#${caseIdFor('ashgrove-primary', 'threat-1')}`);
    expect(cases[0]!.gsi1pk).toBe('OPEN_CASES#ashgrove-primary');

    const mailbox = await stack.mailbox();
    expect(mailbox.map((m) => m.destination.to).sort()).toEqual([['dsl@ashgrove.example'], ['head@ashgrove.example']]);
    for (const email of mailbox) {
      expect(email.from).toBe('alerts@monitor.example');
      expect(email.subject).toMatch(/^\[CRITICAL\] Threat of violence: /);
      expect(email.body.text).toContain('Respond by: ');
      expect(email.body.text).toContain('I will be waiting outside the gates for that teacher tomorrow.');
      expect(email.body.html).toContain('>Acknowledge</a>');
    }
  });

  it('the same SQS message delivered twice, and sent twice, still makes one case and one email', async () => {
    const message = alert({ id: 'threat-2' });
    const event = await stack.alertEvent(message);
    expect((await handler(event)).batchItemFailures).toEqual([]);
    expect((await handler(event)).batchItemFailures).toEqual([]);
    expect((await handler(await stack.alertEvent(message))).batchItemFailures).toEqual([]);
    expect((await caseItems()).filter((i) => i.mention.id === 'threat-2')).toHaveLength(1);
    expect((await stack.mailbox()).map((m) => m.destination.to[0]).sort()).toEqual(['dsl@ashgrove.example', 'head@ashgrove.example']);
  });

  it('a malformed message fails its own record only', async () => {
    const good = await stack.alertEvent(alert({ id: 'threat-3' }));
    const bad = await stack.alertEvent({ mention: { id: 'no' } });
    const response = await handler({ Records: [...good.Records, ...bad.Records] });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: bad.Records[0]!.messageId }]);
    expect(await stack.mailbox()).toHaveLength(2);
  });

  it('medium alerts wait for the digest, which each recipient gets once', async () => {
    await handler(await stack.alertEvent(alert({ id: 'complaint-1' }, ['complaint'], 'medium')));
    await handler(await stack.alertEvent(alert({ id: 'comment-1', isOfficialAccountComment: true }, [], null)));
    expect(await stack.mailbox()).toHaveLength(0);

    // The digest windows are an hour long: run the digest as if two hours from now, twice.
    const deps = { ...(await caseContext()), clock: new FakeClock(new Date(Date.now() + 2 * 3600_000)) };
    expect(await sendDueDigests(deps)).toMatchObject({ emails: 2, entries: 2, failures: [] });
    expect(await sendDueDigests(deps)).toMatchObject({ emails: 0, entries: 0 });
    const mailbox = await stack.mailbox();
    expect(mailbox.map((m) => m.destination.to[0]).sort()).toEqual(['business@ashgrove.example', 'moderator@ashgrove.example']);
    expect(mailbox.every((m) => m.subject.startsWith('Digest: 1 mention to review'))).toBe(true);
  });
});
