/**
 * One definition of the tables, queues and functions, read by both the CDK stacks (infra/) and the
 * local runtime (infra/local/), so the two cannot drift. Nothing here imports the AWS SDK or CDK.
 */

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
}

export interface TableDefinition {
  /** Logical id in CDK and the table's name locally. */
  id: string;
  partitionKey: string;
  sortKey: string;
  /** Epoch-seconds attribute after which DynamoDB may delete the item (readers filter expired items). */
  ttlAttribute: string;
  indexes: readonly IndexDefinition[];
  /** Environment variable through which functions learn the table's name. */
  envVar: string;
}

/**
 * Single-table design; see README "Table design" for the access patterns. Every write is a
 * single-item conditional write, so it works on dynalite (no transactions there).
 */
export const MAIN_TABLE: TableDefinition = {
  id: 'MainTable',
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  indexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
  envVar: 'TABLE_NAME',
};

export const TABLES = [MAIN_TABLE] as const;

export interface QueueDefinition {
  id: string;
  /** Environment variable through which functions learn the queue URL. */
  envVar: string;
  /** The function that consumes it (key of FUNCTIONS). */
  consumer: FunctionName;
  /** Deliveries before a message is moved to the dead-letter queue. */
  maxReceiveCount: number;
  batchSize: number;
  /** Seconds the message stays in the DLQ (14 days, the SQS maximum). */
  dlqRetentionSeconds: number;
}

export type FunctionName =
  | 'schedule-polls'
  | 'poll-source'
  | 'classify-mentions'
  | 'notify-alerts'
  | 'send-digests'
  | 'sla-monitor'
  | 'weekly-summary'
  | 'case-action';

export type Trigger =
  | { kind: 'schedule'; /** minutes between runs */ everyMinutes: number }
  | { kind: 'cron'; /** EventBridge cron fields, UTC */ minute: string; hour: string; weekDay: string }
  | { kind: 'queue'; queue: QueueName }
  | { kind: 'http'; method: 'GET' | 'POST'; path: string };

export type Access = 'read' | 'write';

export interface FunctionDefinition {
  name: FunctionName;
  /** Path of the handler module, relative to the repo root; it exports `handler`. */
  entry: string;
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  triggers: readonly Trigger[];
  table: Access;
  sendsTo: readonly QueueName[];
  sendsEmail: boolean;
  /** Secrets it reads: platform tokens, the link-signing key. */
  secrets: readonly SecretName[];
}

export type QueueName = 'poll' | 'mentions' | 'alerts';
export type SecretName = 'platform-tokens' | 'link-signing-key';

export const SECRETS: Record<SecretName, { id: string; envVar: string; description: string }> = {
  'platform-tokens': {
    id: 'PlatformTokens',
    envVar: 'PLATFORM_TOKENS_SECRET',
    description: 'JSON object of API tokens for official-account connectors, keyed by source tokenRef',
  },
  'link-signing-key': {
    id: 'LinkSigningKey',
    envVar: 'LINK_SIGNING_SECRET',
    description: 'HMAC key that signs the one-click Acknowledge / Handled / False positive links',
  },
};

export const FUNCTIONS: Record<FunctionName, FunctionDefinition> = {
  'schedule-polls': {
    name: 'schedule-polls',
    entry: 'functions/schedule-polls.ts',
    description: 'Every minute: enqueue the sources that are due for polling',
    memoryMb: 256,
    timeoutSeconds: 30,
    triggers: [{ kind: 'schedule', everyMinutes: 1 }],
    table: 'write',
    sendsTo: ['poll'],
    sendsEmail: false,
    secrets: [],
  },
  'poll-source': {
    name: 'poll-source',
    entry: 'functions/poll-source.ts',
    description: 'Poll one feed or official account, store new mentions, queue them for classification',
    memoryMb: 512,
    timeoutSeconds: 60,
    triggers: [{ kind: 'queue', queue: 'poll' }],
    table: 'write',
    sendsTo: ['mentions'],
    sendsEmail: true,
    secrets: ['platform-tokens'],
  },
  'classify-mentions': {
    name: 'classify-mentions',
    entry: 'functions/classify-mentions.ts',
    description: 'Classify mentions against the policy categories; queue flagged ones and official comments',
    memoryMb: 512,
    timeoutSeconds: 30,
    triggers: [{ kind: 'queue', queue: 'mentions' }],
    table: 'write',
    sendsTo: ['alerts'],
    sendsEmail: false,
    secrets: [],
  },
  'notify-alerts': {
    name: 'notify-alerts',
    entry: 'functions/notify-alerts.ts',
    description: 'Open a case for each alert and email SLT (critical/high now, the rest in the digest)',
    memoryMb: 256,
    timeoutSeconds: 30,
    triggers: [{ kind: 'queue', queue: 'alerts' }],
    table: 'write',
    sendsTo: [],
    sendsEmail: true,
    secrets: ['link-signing-key'],
  },
  'send-digests': {
    name: 'send-digests',
    entry: 'functions/send-digests.ts',
    description: "Send each school's digest of medium/low alerts and official-account comments when due",
    memoryMb: 256,
    timeoutSeconds: 60,
    triggers: [{ kind: 'schedule', everyMinutes: 5 }],
    table: 'write',
    sendsTo: [],
    sendsEmail: true,
    secrets: ['link-signing-key'],
  },
  'sla-monitor': {
    name: 'sla-monitor',
    entry: 'functions/sla-monitor.ts',
    description: 'Remind before the response deadline and escalate after it, exactly once per step',
    memoryMb: 256,
    timeoutSeconds: 60,
    triggers: [{ kind: 'schedule', everyMinutes: 5 }],
    table: 'write',
    sendsTo: [],
    sendsEmail: true,
    secrets: ['link-signing-key'],
  },
  'weekly-summary': {
    name: 'weekly-summary',
    entry: 'functions/weekly-summary.ts',
    description: 'Monday morning summary for SLT: cases by category, SLA met %, open and overdue, noisiest sources',
    memoryMb: 256,
    timeoutSeconds: 60,
    triggers: [{ kind: 'cron', minute: '0', hour: '7', weekDay: 'MON' }],
    table: 'write',
    sendsTo: [],
    sendsEmail: true,
    secrets: [],
  },
  'case-action': {
    name: 'case-action',
    entry: 'functions/case-action.ts',
    description: 'Serve the signed one-click links in alert emails: acknowledge, handled, false positive',
    memoryMb: 256,
    timeoutSeconds: 10,
    triggers: [
      { kind: 'http', method: 'GET', path: '/actions' },
      { kind: 'http', method: 'POST', path: '/actions' },
    ],
    table: 'write',
    sendsTo: [],
    sendsEmail: false,
    secrets: ['link-signing-key'],
  },
};

/** SQS rule: the visibility timeout is at least 6 × the consumer's timeout (AWS guidance). */
export const queueVisibilityTimeoutSeconds = (queue: QueueDefinition): number =>
  FUNCTIONS[queue.consumer].timeoutSeconds * 6;

export const QUEUES: Record<QueueName, QueueDefinition> = {
  poll: {
    id: 'PollQueue',
    envVar: 'POLL_QUEUE_URL',
    consumer: 'poll-source',
    maxReceiveCount: 5,
    batchSize: 5,
    dlqRetentionSeconds: 14 * 24 * 3600,
  },
  mentions: {
    id: 'MentionQueue',
    envVar: 'MENTION_QUEUE_URL',
    consumer: 'classify-mentions',
    maxReceiveCount: 5,
    batchSize: 10,
    dlqRetentionSeconds: 14 * 24 * 3600,
  },
  alerts: {
    id: 'AlertQueue',
    envVar: 'ALERT_QUEUE_URL',
    consumer: 'notify-alerts',
    maxReceiveCount: 5,
    batchSize: 10,
    dlqRetentionSeconds: 14 * 24 * 3600,
  },
};

/** Plain settings every function reads (besides resource names). */
export const SETTINGS_ENV = {
  senderEmail: 'SENDER_EMAIL',
  actionBaseUrl: 'ACTION_BASE_URL',
  /** Comma-separated hosts/CIDRs the SSRF guard lets through (local mode only: 127.0.0.1). */
  fetchAllowList: 'FETCH_ALLOW_LIST',
  /** Optional SES configuration set (bounce/complaint events); set by the CDK stack. */
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
} as const;
