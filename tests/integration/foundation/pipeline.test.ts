import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDocumentClient } from '../../../infra/local/emulators';
import { runCycle } from '../../../infra/local/cycle';
import { DEMO_ENVIRONMENT, DEMO_SCHOOL_ID, seedDemo, type Demo } from '../../../infra/local/demo';
import { Observer } from '../../../infra/local/observer';
import { LocalRuntime } from '../../../infra/local/runtime';

/** The whole pipeline as `npm start -- --once` runs it: real handlers, real SDK, emulators, real HTTP. */
describe('the local pipeline, end to end', () => {
  let runtime: LocalRuntime;
  let demo: Demo;
  let observer: Observer;

  beforeAll(async () => {
    runtime = await LocalRuntime.start({ visibilityTimeoutSeconds: () => 2, env: DEMO_ENVIRONMENT });
    demo = await seedDemo(runtime);
    observer = new Observer(runtime.emulators, runtime.provisioned.tableName);
  }, 60_000);

  afterAll(async () => {
    observer?.close();
    await demo?.fixtures.stop();
    await runtime?.stop();
  });

  it('one cycle polls every demo source, flags the breaches, opens cases and emails SLT', async () => {
    const cycle = await runCycle(runtime);
    expect(cycle.sourcesPolled).toBe(demo.sources.length);
    expect(cycle.leftInQueues).toBe(0);

    const mentions = await observer.mentions(DEMO_SCHOOL_ID);
    // Relevance: the demo feeds carry items that do not mention the school; they never become mentions.
    expect(mentions.some((m) => /Rovers through to county cup final|Caddisford Primary opens/.test(m.text))).toBe(false);
    const flagged = mentions.filter((m) => m.flagged);
    expect(flagged.length).toBeGreaterThan(0);
    expect(mentions.filter((m) => m.flagged === undefined)).toEqual([]);

    const threat = flagged.find((m) => m.categories.includes('threat'));
    expect(threat?.severity).toBe('critical');

    const cases = await observer.cases(DEMO_SCHOOL_ID);
    const expectedCases = mentions.filter((m) => m.flagged || m.official).length;
    expect(cases).toHaveLength(expectedCases);
    for (const c of cases) expect(Date.parse(c.dueAt)).toBeGreaterThan(Date.now() - 60_000);

    // The mailbox's own HTTP API holds the emails.
    const store = (await (await fetch(`${runtime.emulators.sesEndpoint}/store`)).json()) as {
      emails: { destination: { to: string[] }; subject: string }[];
    };
    expect(store.emails.length).toBeGreaterThan(0);
    const criticalEmail = store.emails.find((e) => e.destination.to.includes('dsl@northbrook-academy.example'));
    expect(criticalEmail).toBeDefined();
  });

  it('unflagged public mentions expire after 30 days; flagged ones and official-account comments are kept', async () => {
    const db = localDocumentClient(runtime.emulators);
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: runtime.provisioned.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': `MENTIONS#${DEMO_SCHOOL_ID}` },
      }),
    );
    db.destroy();
    expect(Items.length).toBeGreaterThan(0);
    const nowSeconds = Date.now() / 1000;
    for (const item of Items) {
      const keep = item.classification.flagged || item.isOfficialAccountComment;
      if (keep) expect(item.expiresAt).toBeUndefined();
      else expect((item.expiresAt as number) - nowSeconds).toBeGreaterThan(29.9 * 86_400);
    }
    expect(Items.some((i) => i.expiresAt === undefined)).toBe(true);
    expect(Items.some((i) => i.expiresAt !== undefined)).toBe(true);
  });

  it('a second cycle over unchanged feeds costs one request a feed and sends nothing new', async () => {
    const emailsBefore = (await observer.emails()).length;
    const mentionsBefore = (await observer.mentions(DEMO_SCHOOL_ID)).length;
    const requestsBefore = demo.fixtures.requests.length;

    await runCycle(runtime, new Date(Date.now() + 5 * 60_000));

    const newRequests = demo.fixtures.requests.slice(requestsBefore);
    expect(newRequests.filter((r) => r.status === 304).length).toBe(newRequests.length);
    expect((await observer.mentions(DEMO_SCHOOL_ID)).length).toBe(mentionsBefore);
    expect((await observer.emails()).length).toBe(emailsBefore);
  });
});
