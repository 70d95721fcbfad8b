import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { PollRequestSchema } from '../../../shared/domain/messages';
import { parseMessage } from '../../../shared/platform/sqs-batch';

const event = <T>(name: string): T =>
  JSON.parse(readFileSync(path.resolve(__dirname, '../../events', name), 'utf8')) as T;

describe('poll-source event shapes', () => {
  it('reads every record of the sample poll-queue event as a PollRequest', () => {
    const { Records } = event<SQSEvent>('poll-source-sqs.json');
    expect(Records.map((r) => parseMessage(PollRequestSchema, r).sourceId)).toEqual(['local-gazette', 'facebook-page']);
  });

  it('refuses a poll request without scheduledFor, naming the field', () => {
    const [record] = event<SQSEvent>('poll-source-sqs.json').Records;
    const broken = { ...record!, body: JSON.stringify({ schoolId: 'northbrook', sourceId: 'x' }) };
    expect(() => parseMessage(PollRequestSchema, broken)).toThrow(/scheduledFor/);
  });
});
