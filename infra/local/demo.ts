/**
 * The demo school — Northbrook Academy, Hallam Vale: fictional, written by us — with its public
 * feeds and official-account comment APIs served on 127.0.0.1 by the fixture server.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { School, SourceInput } from '../../shared/domain/model';
import { dynamoDocumentClient } from '../../shared/platform/clients';
import { DynamoSchoolRepository } from '../../shared/platform/dynamo-school-repository';
import { DynamoSourceRepository } from '../../shared/platform/dynamo-source-repository';
import { SECRETS } from '../../shared/platform/resources';
import { startFixtureServer, type FixtureRoute, type FixtureServer } from './fixture-server';
import { REPO_ROOT, type LocalRuntime } from './runtime';

export const DEMO_SCHOOL_ID = 'northbrook-academy';
const DEMO_ROOT = path.join(REPO_ROOT, 'infra/local/demo');

interface DemoSource {
  source: Omit<SourceInput, 'schoolId' | 'nextPollAt' | 'url'> & { path: string };
  routes: FixtureRoute[];
}

const ATOM = 'application/atom+xml; charset=utf-8';
const RSS = 'application/rss+xml; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/** Each source and the fixture routes that answer its requests. */
const DEMO_SOURCES: readonly DemoSource[] = [
  {
    source: { id: 'google-alerts', kind: 'feed', platform: 'news', label: 'Google Alert "Northbrook Academy"', path: '/alerts/feeds/northbrook.atom' },
    routes: [{ path: '/alerts/feeds/northbrook.atom', file: 'feeds/google-alerts-northbrook.atom', contentType: ATOM }],
  },
  {
    source: { id: 'reddit-hallamvale', kind: 'feed', platform: 'reddit', label: 'Reddit r/HallamVale search "northbrook"', path: '/r/HallamVale/search.rss' },
    routes: [{ path: '/r/HallamVale/search.rss', file: 'feeds/reddit-hallamvale.atom', contentType: ATOM }],
  },
  {
    source: { id: 'hallam-vale-gazette', kind: 'feed', platform: 'news', label: 'Hallam Vale Gazette — Education', path: '/gazette/education.rss' },
    routes: [{ path: '/gazette/education.rss', file: 'feeds/hallam-vale-gazette.rss', contentType: RSS }],
  },
  {
    source: {
      id: 'facebook-page',
      kind: 'facebook_page',
      platform: 'facebook',
      label: 'Facebook page comments (official)',
      path: '/graph/v21.0',
      accountId: '104857392018765',
      official: true,
      tokenRef: 'demo-facebook',
    },
    routes: [
      { path: '/graph/v21.0/104857392018765/posts', file: 'api/facebook-posts.json', contentType: JSON_TYPE },
      { path: '/graph/v21.0/104857392018765_5551/comments', file: 'api/facebook-comments.json', contentType: JSON_TYPE },
    ],
  },
  {
    source: {
      id: 'youtube-channel',
      kind: 'youtube_channel',
      platform: 'youtube',
      label: 'YouTube channel comments (official)',
      path: '/youtube/v3',
      accountId: 'UCnorthbrookAcademyTV0',
      official: true,
      tokenRef: 'demo-youtube',
    },
    routes: [{ path: '/youtube/v3/commentThreads', file: 'api/youtube-comment-threads.json', contentType: JSON_TYPE }],
  },
];

export interface Demo {
  school: School;
  sources: readonly DemoSource[];
  fixtures: FixtureServer;
  sourceLabelFor(requestPath: string): string;
}

/** Settings the demo adds to the runtime's: tokens for the APIs the fixture server imitates (never real ones). */
export const DEMO_ENVIRONMENT: Record<string, string> = {
  [SECRETS['platform-tokens'].envVar]: JSON.stringify({ 'demo-facebook': 'demo-token', 'demo-youtube': 'demo-key' }),
};

export const demoSchool = (): unknown => JSON.parse(readFileSync(path.join(DEMO_ROOT, 'northbrook-academy.json'), 'utf8'));

/** Starts the fixture server and writes the demo school and its sources (all due now) to the table. */
export const seedDemo = async (runtime: LocalRuntime, now: Date = new Date()): Promise<Demo> => {
  const fixtures = await startFixtureServer(DEMO_ROOT, DEMO_SOURCES.flatMap((s) => s.routes), now);
  const db = dynamoDocumentClient();
  const school = await new DynamoSchoolRepository(db, runtime.provisioned.tableName).putSchool(
    demoSchool() as Parameters<DynamoSchoolRepository['putSchool']>[0],
  );
  const sources = new DynamoSourceRepository(db, runtime.provisioned.tableName);
  for (const { source } of DEMO_SOURCES) {
    const { path: sourcePath, ...rest } = source;
    await sources.putSource({
      ...rest,
      schoolId: school.id,
      url: `${fixtures.baseUrl}${sourcePath}`,
      pollIntervalMinutes: 1,
      nextPollAt: now.toISOString(),
    });
  }
  return {
    school,
    sources: DEMO_SOURCES,
    fixtures,
    sourceLabelFor: (requestPath) => {
      const found = DEMO_SOURCES.find((s) => s.routes.some((r) => (typeof r.path === 'string' ? r.path === requestPath : r.path.test(requestPath))));
      return found?.source.label ?? requestPath;
    },
  };
};
