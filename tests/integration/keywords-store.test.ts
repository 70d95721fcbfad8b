/**
 * The keyword store on a real DynamoDB API (dynalite on 127.0.0.1, started here) through the AWS SDK:
 * versioned saves with conditional writes, conflicts, roll-forward of a half-finished save, the dry
 * run with the school's recent mentions, and running classifiers picking a change up within a minute.
 */
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyMention } from '../../shared/classification/engine/classifier';
import { buildResources } from '../../shared/classification/engine/resources';
import { ProposedChangeSchema } from '../../shared/classification/keywords/changes';
import { defaultRuleSet } from '../../shared/classification/keywords/defaults';
import { dryRun } from '../../shared/classification/keywords/dry-run';
import { ClassifierCache } from '../../shared/classification/keywords/rule-set-cache';
import { KeywordService } from '../../shared/classification/keywords/service';
import { buildSchoolContext, SchoolProfileSchema } from '../../shared/classification/school';
import { DynamoKeywordStore, DynamoRecentMentions } from '../../shared/platform/dynamo-keyword-store';
import { ConflictError } from '../../shared/platform/errors';
import { keys } from '../../shared/platform/keys';
import { MAIN_TABLE } from '../../shared/platform/resources';

const TABLE = 'keywords-test';
let server: ReturnType<typeof dynalite>;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({ endpoint: `http://127.0.0.1:${port}`, region: 'eu-west-2', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: MAIN_TABLE.partitionKey, AttributeType: 'S' },
        { AttributeName: MAIN_TABLE.sortKey, AttributeType: 'S' },
        ...MAIN_TABLE.indexes.flatMap((i) => [
          { AttributeName: i.partitionKey, AttributeType: 'S' as const },
          { AttributeName: i.sortKey, AttributeType: 'S' as const },
        ]),
      ],
      KeySchema: [
        { AttributeName: MAIN_TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: MAIN_TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: MAIN_TABLE.indexes.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
          { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'ALL' as const },
      })),
    }),
  );
  db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const clockAt = (start: string) => {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
};

const school = buildSchoolContext(
  SchoolProfileSchema.parse({ id: 'northbrook', name: 'Northbrook Academy', staff: [{ name: 'Gareth Lloyd', title: 'Mr' }] }),
);

const addScrote = (scope: string) =>
  ProposedChangeSchema.parse({ scope, category: 'abuse', add: [{ id: `${scope.toLowerCase()}.abuse.scrote`, kind: 'word', pattern: 'scrote', near: ['named'] }] });

describe('keyword lists in DynamoDB', () => {
  it('saves versions with who/when/what and reads them back, newest history first', async () => {
    const store = new DynamoKeywordStore(db, TABLE);
    const clock = clockAt('2025-05-01T10:00:00Z');
    const service = new KeywordService(store, defaultRuleSet(), clock);
    await service.apply(await service.propose(addScrote('GLOBAL'), 'head@northbrook'));
    clock.advance(60_000);
    await service.apply(await service.propose(ProposedChangeSchema.parse({ category: 'abuse', addExceptions: [{ id: 'abuse.x.scrote-cake', pattern: 'scrote cake' }] }), 'dsl@northbrook'));

    const current = await store.get('GLOBAL', 'abuse');
    expect(current).toMatchObject({ version: 2, updatedBy: 'dsl@northbrook', updatedAt: '2025-05-01T10:01:00.000Z' });
    expect(current!.rules.some((r) => r.id === 'global.abuse.scrote')).toBe(true);
    const history = await store.history('GLOBAL', 'abuse', 10);
    expect(history.map((h) => [h.version, h.change.by, h.change.added])).toEqual([
      [2, 'dsl@northbrook', ['abuse.x.scrote-cake']],
      [1, 'head@northbrook', ['global.abuse.scrote']],
    ]);
    expect(Object.keys(await store.getScope('GLOBAL'))).toEqual(['abuse']);
  });

  it('refuses a save based on a version that is no longer current (two administrators at once)', async () => {
    const store = new DynamoKeywordStore(db, TABLE);
    const service = new KeywordService(store, defaultRuleSet(), clockAt('2025-05-01T11:00:00Z'));
    const a = await service.propose(addScrote('pellinford'), 'a');
    const b = await service.propose(ProposedChangeSchema.parse({ scope: 'pellinford', category: 'abuse', add: [{ id: 'p.abuse.muppet', kind: 'word', pattern: 'muppet' }] }), 'b');
    await service.apply(a);
    await expect(service.apply(b)).rejects.toThrow(ConflictError);
    expect((await store.get('pellinford', 'abuse'))!.rules.map((r) => r.id)).toEqual(['pellinford.abuse.scrote']);
  });

  it('publishes a version a crashed writer claimed but never published, then asks the caller to retry', async () => {
    const store = new DynamoKeywordStore(db, TABLE);
    const service = new KeywordService(store, defaultRuleSet(), clockAt('2025-05-01T12:00:00Z'));
    const stranded = await service.propose(addScrote('marrowdene'), 'crashed');
    // The first of the two writes of a save, as if the writer died before the second.
    await db.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...keys.keywordVersion('marrowdene', 'abuse', 1), version: 1, list: stranded.next, updatedBy: 'crashed', updatedAt: stranded.record.at, change: stranded.record },
      }),
    );
    const late = await service.propose(ProposedChangeSchema.parse({ scope: 'marrowdene', category: 'abuse', add: [{ id: 'm.abuse.muppet', kind: 'word', pattern: 'muppet' }] }), 'late');
    await expect(service.apply(late)).rejects.toThrow(ConflictError);
    expect(await store.get('marrowdene', 'abuse')).toMatchObject({ version: 1, updatedBy: 'crashed' });
    const retried = await service.apply(await service.propose(ProposedChangeSchema.parse({ scope: 'marrowdene', category: 'abuse', add: [{ id: 'm.abuse.muppet', kind: 'word', pattern: 'muppet' }] }), 'late'));
    expect(retried.version).toBe(2);
    expect(retried.rules.map((r) => r.id)).toEqual(['marrowdene.abuse.scrote', 'm.abuse.muppet']);
  });

  it("dry-runs a change on the school's recent mentions before it is saved", async () => {
    const mentions = [
      { id: 'm-1', text: 'Mr Lloyd is a numpty', fetchedAt: '2025-05-01T09:00:00Z' },
      { id: 'm-2', text: 'Lovely sports day, thank you all', fetchedAt: '2025-05-01T09:05:00Z' },
    ];
    for (const m of mentions) {
      await db.send(new PutCommand({ TableName: TABLE, Item: { ...keys.mention('tollerby', m.id), ...keys.mentionsBySchool('tollerby', m.fetchedAt, m.id), type: 'mention', id: m.id, text: m.text } }));
    }
    const store = new DynamoKeywordStore(db, TABLE);
    const service = new KeywordService(store, defaultRuleSet(), clockAt('2025-05-01T13:00:00Z'));
    const proposal = await service.propose(
      ProposedChangeSchema.parse({ scope: 'tollerby', category: 'abuse', add: [{ id: 't.abuse.numpty', kind: 'word', pattern: 'numpty', near: ['named'] }] }),
      'head',
    );
    const recent = await new DynamoRecentMentions(db, TABLE).recent('tollerby', 50);
    expect(recent.map((m) => m.id)).toEqual(['m-2', 'm-1']);
    const report = dryRun(buildResources(proposal.before), buildResources(proposal.after), 'abuse', recent.map((m) => ({ ...m, school, source: 'recent mention' })));
    expect(report.changes.map((c) => [c.id, c.nowRaised])).toEqual([['m-1', true]]);
    expect(await store.get('tollerby', 'abuse')).toBeUndefined();
  });

  it("reaches a running classifier within a minute of being saved", async () => {
    const store = new DynamoKeywordStore(db, TABLE);
    const clock = clockAt('2025-05-01T14:00:00Z');
    const cache = new ClassifierCache(store, { defaults: defaultRuleSet, clock });
    const text = 'Mr Lloyd is a total plonker';
    expect(classifyMention(await cache.resourcesFor('kestlewick'), school, text).categories).not.toContain('abuse');
    const service = new KeywordService(store, defaultRuleSet(), clock);
    await service.apply(await service.propose(ProposedChangeSchema.parse({ scope: 'kestlewick', category: 'abuse', add: [{ id: 'k.abuse.plonker', kind: 'word', pattern: 'plonker', near: ['named'] }] }), 'head'));
    clock.advance(59_000);
    expect(classifyMention(await cache.resourcesFor('kestlewick'), school, text).categories).not.toContain('abuse');
    clock.advance(1_000);
    expect(classifyMention(await cache.resourcesFor('kestlewick'), school, text).categories).toContain('abuse');
  });
});
