import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDocumentClient, provisionResources, startEmulators, type Emulators, type Provisioned } from '../../../infra/local/emulators';
import type { Mention } from '../../../shared/domain/model';
import { DynamoMentionStore } from '../../../shared/platform/dynamo-mention-store';

const mention: Mention = {
  id: 'm-0001',
  schoolId: 'northbrook-academy',
  sourceId: 'google-alerts',
  platform: 'news',
  externalId: 'tag:google.com,2013:googlealerts/feed:1',
  url: 'https://hallamvalegazette.example/news/1',
  title: 'Northbrook Academy in the news',
  text: 'Northbrook Academy pupils raise £2,000 for charity',
  publishedAt: '2026-11-20T10:00:00+00:00',
  fetchedAt: '2026-11-20T10:05:00+00:00',
  isOfficialAccountComment: false,
  contentHash: 'abc123',
};

describe('storing mentions (real SDK against dynalite)', () => {
  let emulators: Emulators;
  let provisioned: Provisioned;
  let db: DynamoDBDocumentClient;

  beforeAll(async () => {
    emulators = await startEmulators();
    provisioned = await provisionResources(emulators);
    db = localDocumentClient(emulators);
  });
  afterAll(async () => {
    db.destroy();
    await emulators.stop();
  });

  it('a mention put twice is stored once', async () => {
    const store = new DynamoMentionStore(db, provisioned.tableName);
    expect(await store.store(mention)).toBe('created');
    expect(await store.store({ ...mention, fetchedAt: '2026-11-20T11:00:00+00:00' })).not.toBe('created');
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: provisioned.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': 'MENTIONS#northbrook-academy' },
      }),
    );
    expect(Items).toHaveLength(1);
    expect(Items[0]).toMatchObject({ id: 'm-0001', fetchedAt: '2026-11-20T10:05:00+00:00' });
  });
});
