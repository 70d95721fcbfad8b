/**
 * Scheduler → poll queue → poller → table + mentions queue, with the real AWS SDK against dynalite
 * and fauxqs (started in this process by infra/local/emulators.ts) and feeds served on 127.0.0.1.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  emulatorEnvironment,
  LOCAL_REGION,
  provisionResources,
  startEmulators,
  type Emulators,
  type Provisioned,
} from '../../../infra/local/emulators';
import { SqsEventSource } from '../../../infra/local/sqs-event-source';
import { PollRequestSchema, type MentionMessage, type PollRequest } from '../../../shared/domain/messages';
import type { OutgoingEmail } from '../../../shared/domain/ports';
import { pollSource, type PollSourceDeps } from '../../../shared/ingestion/poll-source';
import type { MentionStore } from '../../../shared/ingestion/ports';
import { scheduleDuePolls } from '../../../shared/ingestion/schedule-polls';
import { DynamoEffectLedger } from '../../../shared/platform/dynamo-effect-ledger';
import { DynamoMentionStore } from '../../../shared/platform/dynamo-mention-store';
import { DynamoSchoolRepository } from '../../../shared/platform/dynamo-school-repository';
import { DynamoSourceRepository } from '../../../shared/platform/dynamo-source-repository';
import { keys } from '../../../shared/platform/keys';
import { sqsBatchHandler } from '../../../shared/platform/sqs-batch';
import { SqsMessageQueue } from '../../../shared/platform/sqs-queue';
import { startServer, testFetcher, type LocalServer } from './local-server';

const story = (guid: string, link: string, title: string) =>
  `<item><guid>${guid}</guid><title>${title}</title><link>${link}</link><pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate></item>`;
const rss = (items: string[]) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items.join('')}</channel></rss>`;

const FEEDS: Record<string, string> = {
  '/a.xml': rss([
    story('a-1', 'https://news.example/fete?utm_source=rss', 'Ashcombe Primary summer fete'),
    story('a-2', 'https://news.example/ofsted', 'Ofsted praises Ashcombe Primary'),
    story('a-3', 'https://news.example/weather', 'Rain all week'),
  ]),
  '/b.xml': rss([
    story('b-9', 'https://NEWS.example/fete#comments', 'Summer fete at Ashcombe Primary'),
    story('b-10', 'https://blog.example/uniform', 'Ashcombe Primary uniform change'),
  ]),
  '/c.xml': rss(Array.from({ length: 6 }, (_, i) => story(`c-${i}`, `https://paper.example/${i}`, `Ashcombe Primary story ${i}`))),
};

let emulators: Emulators;
let provisioned: Provisioned;
let feeds: LocalServer;
let db: DynamoDBDocumentClient;
let sqs: SQSClient;
const http = testFetcher();
let clock = new Date('2026-03-02T09:00:00.000Z');
const emails: OutgoingEmail[] = [];

const deps = (overrides: Partial<PollSourceDeps> = {}): PollSourceDeps => {
  const table = provisioned.tableName;
  return {
    sources: new DynamoSourceRepository(db, table),
    mentions: new DynamoMentionStore(db, table),
    queue: new SqsMessageQueue<MentionMessage>(sqs, provisioned.queues.mentions.url),
    http,
    tokens: { tokenFor: async () => 'unused' },
    mailer: { send: async (email) => (emails.push(email), 'id') },
    ledger: new DynamoEffectLedger(db, table, { now: () => clock }),
    clock: { now: () => clock },
    log: { info: () => undefined, warn: () => undefined },
    ...overrides,
  };
};

const drainMentions = async (): Promise<string[]> => {
  const ids: string[] = [];
  for (let round = 0; round < 20; round += 1) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: provisioned.queues.mentions.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) break;
    for (const message of Messages) {
      ids.push((JSON.parse(message.Body!) as MentionMessage).mention.id);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: provisioned.queues.mentions.url, ReceiptHandle: message.ReceiptHandle! }));
    }
  }
  return ids;
};

const storedMentions = async () =>
  (
    await db.send(
      new QueryCommand({
        TableName: provisioned.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': keys.mentionsOfSchool('ashcombe') },
      }),
    )
  ).Items ?? [];

const addSource = (id: string, path: string) =>
  new DynamoSourceRepository(db, provisioned.tableName).putSource({
    id,
    schoolId: 'ashcombe',
    kind: 'feed',
    label: `Feed ${id}`,
    platform: 'news',
    url: `${feeds.url}${path}`,
    pollIntervalMinutes: 10,
    nextPollAt: clock.toISOString(),
  });

const request = (sourceId: string): PollRequest => ({ schoolId: 'ashcombe', sourceId, scheduledFor: clock.toISOString() });
const tick = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};

beforeAll(async () => {
  emulators = await startEmulators();
  provisioned = await provisionResources(emulators, { prefix: 'ingestion-', visibilityTimeoutSeconds: () => 1 });
  Object.assign(process.env, emulatorEnvironment(emulators), provisioned.env);
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: LOCAL_REGION, endpoint: emulators.dynamodbEndpoint, credentials }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  sqs = new SQSClient({ region: LOCAL_REGION, endpoint: emulators.sqsEndpoint, credentials });
  feeds = await startServer((req, res) => {
    const body = FEEDS[new URL(req.url!, 'http://x').pathname];
    if (!body) return void res.writeHead(404).end();
    const etag = `"${body.length}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(body);
  });
  await new DynamoSchoolRepository(db, provisioned.tableName).putSchool({
    id: 'ashcombe',
    name: 'Ashcombe Primary',
    contacts: [{ name: 'IT', email: 'it@ashcombe.example', roles: ['administrator'] }],
  });
}, 60_000);

afterAll(async () => {
  http.destroy();
  await feeds?.close();
  await emulators?.stop();
});

describe('polling feeds into the table and the mentions queue', () => {
  it('a poll of an unchanged feed costs one request and creates no mentions', async () => {
    await addSource('feed-a', '/a.xml');
    const first = await pollSource(deps(), request('feed-a'));
    expect(first).toMatchObject({ status: 'polled', created: 2, queued: 2 });
    expect(await drainMentions()).toHaveLength(2);

    tick(10);
    const before = feeds.requests.length;
    const second = await pollSource(deps(), request('feed-a'));
    expect(second).toMatchObject({ status: 'unchanged', requests: 1, created: 0 });
    expect(feeds.requests.length - before).toBe(1);
    expect(await drainMentions()).toEqual([]);
  });

  it('the same story through a second feed (tracking parameters, other host case) stays one mention', async () => {
    await addSource('feed-b', '/b.xml');
    tick(1);
    const outcome = await pollSource(deps(), request('feed-b'));
    expect(outcome).toMatchObject({ status: 'polled', created: 1 });
    expect(await drainMentions()).toHaveLength(1);
    expect(await storedMentions()).toHaveLength(3);
  });

  it('two overlapping scheduler runs enqueue a due source once', async () => {
    tick(30);
    const queue = new SqsMessageQueue<PollRequest>(sqs, provisioned.queues.poll.url);
    const sources = new DynamoSourceRepository(db, provisioned.tableName);
    const [one, two] = await Promise.all([
      scheduleDuePolls({ sources, queue, clock: { now: () => clock } }),
      scheduleDuePolls({ sources, queue, clock: { now: () => clock } }),
    ]);
    expect(one.enqueued + two.enqueued).toBe(2);
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: provisioned.queues.poll.url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(Number(attributes.Attributes?.ApproximateNumberOfMessages)).toBe(2);
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: provisioned.queues.poll.url, MaxNumberOfMessages: 10 })).then((r) =>
      Promise.all((r.Messages ?? []).map((m) => sqs.send(new DeleteMessageCommand({ QueueUrl: provisioned.queues.poll.url, ReceiptHandle: m.ReceiptHandle! })))),
    );
  });
});

describe('restarting the poller mid-batch', () => {
  /** Only the source under test is due: the others are moved a day ahead. */
  const parkOtherSources = async () => {
    const repo = new DynamoSourceRepository(db, provisioned.tableName);
    const later = new Date(clock.getTime() + 86_400_000).toISOString();
    for (const due of await repo.listDue(clock, 100)) await repo.claimDue(due, later);
  };

  const runThroughQueue = async (sourceId: string, crashing: PollSourceDeps) => {
    await parkOtherSources();
    await addSource(sourceId, '/c.xml');
    const queue = new SqsMessageQueue<PollRequest>(sqs, provisioned.queues.poll.url);
    const sources = new DynamoSourceRepository(db, provisioned.tableName);
    expect((await scheduleDuePolls({ sources, queue, clock: { now: () => clock } })).enqueued).toBe(1);
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: provisioned.queues.poll.url, AttributeNames: ['QueueArn'] }),
    );
    const eventSource = (handlerDeps: PollSourceDeps) =>
      new SqsEventSource({
        client: sqs,
        queueUrl: provisioned.queues.poll.url,
        queueArn: Attributes!.QueueArn!,
        region: LOCAL_REGION,
        batchSize: 5,
        handler: (event) =>
          sqsBatchHandler(PollRequestSchema, async (message) => void (await pollSource(handlerDeps, message)))(event),
      });
    const crashed = await eventSource(crashing).pollOnce(1);
    expect(crashed).toMatchObject({ received: 1, failed: 1 });
    const redelivered = await eventSource(deps()).pollOnce(3);
    expect(redelivered).toMatchObject({ received: 1, succeeded: 1 });
    return drainMentions();
  };

  it('a crash after storing the mentions but before queueing them loses nothing and duplicates nothing', async () => {
    tick(60);
    let crashes = 1;
    const crashing = deps({
      queue: {
        send: async () => {
          if (crashes-- > 0) throw new Error('process killed before queueing');
        },
      },
    });
    const before = (await storedMentions()).length;
    const queued = await runThroughQueue('feed-c', crashing);
    expect(queued).toHaveLength(6);
    expect(new Set(queued).size).toBe(6);
    const stored = await storedMentions();
    expect(stored.length - before).toBe(6);
    expect(stored.every((m) => typeof m.queuedAt === 'string')).toBe(true);
  });

  it('a crash after queueing but before marking items seen does not queue them again', async () => {
    FEEDS['/c.xml'] = rss([story('c-new', 'https://paper.example/new', 'Ashcombe Primary new story')]);
    tick(60);
    const store = new DynamoMentionStore(db, provisioned.tableName);
    let crashes = 1;
    const flaky: MentionStore = {
      seenAmong: (...args) => store.seenAmong(...args),
      store: (mention) => store.store(mention),
      markQueued: (...args) => store.markQueued(...args),
      markSeen: async (...args) => {
        if (crashes-- > 0) throw new Error('process killed before marking seen');
        return store.markSeen(...args);
      },
    };
    const queued = await runThroughQueue('feed-d', deps({ mentions: flaky }));
    // The new story is stored and queued once; the redelivered poll finds it queued and only marks it seen.
    expect(queued).toHaveLength(1);
  });
});
