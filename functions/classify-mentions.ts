/**
 * Mentions queue consumer: classify each new mention against the policy categories with its school's
 * keyword lists (re-read at most once a minute) and the bundled model; record the result on the
 * mention; queue an alert when it is flagged or is a comment on an official account.
 */
import { MentionMessageSchema, type AlertMessage } from '../shared/domain/messages';
import { systemClock } from '../shared/domain/ports';
import type { ClassifyDeps } from '../shared/classification/classify-and-route';
import type { SchoolContext } from '../shared/classification/school';
import { dynamoDocumentClient, sqsClient } from '../shared/platform/clients';
import { queueUrl, tableName } from '../shared/platform/config';
import { DynamoClassificationRecorder, DynamoKeywordStore } from '../shared/platform/dynamo-keyword-store';
import { DynamoSchoolRepository } from '../shared/platform/dynamo-school-repository';
import { logger } from '../shared/platform/logger';
import { METRIC } from '../shared/platform/metric-names';
import { publishCategoryCounts } from '../shared/platform/metrics';
import { SqsMessageQueue } from '../shared/platform/sqs-queue';
import { sqsBatchHandler } from '../shared/platform/sqs-batch';

/** School profiles change rarely; like the keyword lists they are re-read at most once a minute. */
const SCHOOL_TTL_MS = 60_000;

/** The classifier (rules, model, lexicons) loads on the first mention, keeping module initialisation short. */
const loadClassifier = (() => {
  let loading: Promise<typeof import('../shared/classification/runtime')> | undefined;
  return () => (loading ??= import('../shared/classification/runtime'));
})();

const table = tableName();
const alertQueueUrl = queueUrl('alerts');
const db = dynamoDocumentClient();
const schools = new DynamoSchoolRepository(db, table);
const recorder = new DynamoClassificationRecorder(db, table);
const keywordStore = new DynamoKeywordStore(db, table);
let classifiers: Promise<import('../shared/classification/keywords/rule-set-cache').ClassifierCache> | undefined;
const classifierCache = () =>
  (classifiers ??= loadClassifier().then(
    ({ ClassifierCache, defaultRuleSet, bundledModel }) =>
      new ClassifierCache(keywordStore, { defaults: defaultRuleSet, clock: systemClock, model: bundledModel }),
  ));
const schoolCache = new Map<string, { at: number; context: SchoolContext }>();

const deps: ClassifyDeps = {
  school: async (schoolId) => {
    const now = systemClock.now().getTime();
    const cached = schoolCache.get(schoolId);
    if (cached && now - cached.at < SCHOOL_TTL_MS) return cached.context;
    const { buildSchoolContext, SchoolProfileSchema } = await loadClassifier();
    const context = buildSchoolContext(SchoolProfileSchema.parse(await schools.getSchool(schoolId)));
    schoolCache.set(schoolId, { at: now, context });
    return context;
  },
  resources: async (schoolId) => (await classifierCache()).resourcesFor(schoolId),
  record: (mention, classification) =>
    recorder.record(mention.schoolId, mention.id, classification, systemClock.now(), mention.isOfficialAccountComment),
  alerts: new SqsMessageQueue<AlertMessage>(sqsClient(), alertQueueUrl),
};

export const handler = sqsBatchHandler(MentionMessageSchema, async ({ mention }, record) => {
  const { classifyAndRoute } = await loadClassifier();
  const { classification, alerted } = await classifyAndRoute(deps, mention);
  logger.info('mention classified', {
    schoolId: mention.schoolId,
    sourceId: mention.sourceId,
    mentionId: mention.id,
    messageId: record.messageId,
    categories: classification.categories,
    severity: classification.severity,
    alerted,
    keywordVersion: classification.keywordVersion,
  });
  if (classification.flagged) {
    publishCategoryCounts(METRIC.mentionsFlagged, Object.fromEntries(classification.categories.map((c) => [c, 1])));
  }
});
