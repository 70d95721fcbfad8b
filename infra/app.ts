/**
 * The CDK app: three stacks built from shared/platform/resources.ts, checked by cdk-nag (AwsSolutions
 * and Serverless packs). `npm run synth` / `npm run deploy` run this file through cdk.json.
 *
 * Context (cdk.json, ~/.cdk.json or `-c key=value`):
 *   senderEmail          From address of every email (required to deploy)
 *   senderDomain         verify this domain in SES instead of the single address
 *   adminEmail           subscribe this address to the alarm topic
 *   actionBaseUrl        full https URL of the action-link route behind a custom domain, e.g.
 *                        https://monitor.school.example/actions (default: the API's own URL + /actions)
 *   sesSandboxRecipients comma-separated verified recipients, while the account is in the SES sandbox
 *   logRetentionDays     default 30;  logLevel  default INFO;  stackPrefix  default SchoolMentionMonitor
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Annotations, App, Tags, Validations } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import cdkNag from 'cdk-nag';
import { OperationsStack } from './operations-stack';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

const { AwsSolutionsChecks, ServerlessChecks } = cdkNag;

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const PLACEHOLDER_SENDER = 'alerts@example.org';

export interface MonitorSettings {
  stackPrefix: string;
  senderEmail: string;
  senderDomain?: string;
  adminEmail?: string;
  actionBaseUrl?: string;
  sandboxRecipients: string[];
  logRetention: RetentionDays;
  logLevel: string;
  apiThrottle: { rateLimit: number; burstLimit: number };
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export const settingsFromContext = (app: App): MonitorSettings => {
  const get = (key: string): string | undefined => {
    const value = app.node.tryGetContext(key);
    return value === undefined || value === null || String(value).trim() === '' ? undefined : String(value).trim();
  };
  const senderDomain = get('senderDomain')?.toLowerCase();
  const senderEmail = get('senderEmail') ?? (senderDomain ? `alerts@${senderDomain}` : PLACEHOLDER_SENDER);
  if (!EMAIL.test(senderEmail)) throw new Error(`Context senderEmail is not an email address: "${senderEmail}"`);
  if (senderDomain && !senderEmail.toLowerCase().endsWith(`@${senderDomain}`)) {
    throw new Error(`Context senderEmail (${senderEmail}) must be an address on senderDomain (${senderDomain})`);
  }
  const adminEmail = get('adminEmail');
  if (adminEmail && !EMAIL.test(adminEmail)) throw new Error(`Context adminEmail is not an email address: "${adminEmail}"`);
  const actionBaseUrl = get('actionBaseUrl');
  if (actionBaseUrl && !/^https:\/\/[^\s/]+(\/[^\s]*)?$/.test(actionBaseUrl)) {
    throw new Error(`Context actionBaseUrl must be an https URL: "${actionBaseUrl}"`);
  }
  const sandboxRecipients = (get('sesSandboxRecipients') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const address of sandboxRecipients) {
    if (!EMAIL.test(address)) throw new Error(`Context sesSandboxRecipients has a non-address: "${address}"`);
  }
  const retention = Number(get('logRetentionDays') ?? 30);
  if (!Object.values(RetentionDays).includes(retention)) {
    throw new Error(`Context logRetentionDays must be one of CloudWatch's retention values, got ${retention}`);
  }
  return {
    stackPrefix: get('stackPrefix') ?? 'SchoolMentionMonitor',
    senderEmail,
    senderDomain,
    adminEmail,
    actionBaseUrl: actionBaseUrl?.replace(/\/+$/, ''),
    sandboxRecipients,
    logRetention: retention as RetentionDays,
    logLevel: (get('logLevel') ?? 'INFO').toUpperCase(),
    apiThrottle: { rateLimit: Number(get('apiRateLimit') ?? 10), burstLimit: Number(get('apiBurstLimit') ?? 20) },
  };
};

/** The cdk-nag packs the app is checked against (also run directly by tests/infra). */
export const nagPacks = (app: App) => [
  new AwsSolutionsChecks(app, { verbose: true }),
  new ServerlessChecks(app, { verbose: true }),
];

export interface MonitorStacks {
  data: StatefulStack;
  app: StatelessStack;
  operations: OperationsStack;
}

export interface BuildOptions {
  projectRoot?: string;
  /** Register the cdk-nag packs as validation plugins, so synth fails on an unacknowledged finding. */
  nag?: boolean;
}

/** Adds the three stacks (and the cdk-nag packs) to `app`. Environment-agnostic: no account lookups. */
export const buildApp = (app: App, settings: MonitorSettings, options: BuildOptions = {}): MonitorStacks => {
  const projectRoot = options.projectRoot ?? PROJECT_ROOT;
  const data = new StatefulStack(app, `${settings.stackPrefix}-Data`, {
    description: 'School Mention Monitor: table, queues, KMS key, secrets, SES identity (retained on delete)',
    senderEmail: settings.senderEmail,
    senderDomain: settings.senderDomain,
  });
  const functions = new StatelessStack(app, `${settings.stackPrefix}-App`, {
    description: 'School Mention Monitor: functions, schedules, queue triggers, action-link API',
    data,
    projectRoot,
    logRetention: settings.logRetention,
    logLevel: settings.logLevel,
    actionBaseUrl: settings.actionBaseUrl,
    sandboxRecipients: settings.sandboxRecipients,
    apiThrottle: settings.apiThrottle,
  });
  const operations = new OperationsStack(app, `${settings.stackPrefix}-Operations`, {
    description: 'School Mention Monitor: alarms, administrator topic, dashboard',
    data,
    app: functions,
    adminEmail: settings.adminEmail,
  });
  if (settings.senderEmail === PLACEHOLDER_SENDER) {
    Annotations.of(data).addWarningV2(
      'school-mention-monitor:placeholder-sender',
      `No senderEmail/senderDomain context: using ${PLACEHOLDER_SENDER}. Pass -c senderEmail=... (or senderDomain) before deploying.`,
    );
  }
  if (!settings.adminEmail) {
    Annotations.of(operations).addWarningV2(
      'school-mention-monitor:no-admin-email',
      'No adminEmail context: alarms go to an SNS topic nobody is subscribed to. Pass -c adminEmail=...',
    );
  }
  Tags.of(app).add('application', 'school-mention-monitor');
  if (options.nag ?? true) Validations.of(app).addPlugins(...nagPacks(app));
  return { data, app: functions, operations };
};

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const app = new App();
  buildApp(app, settingsFromContext(app));
  app.synth();
}
