/**
 * The code and its wiring: one MonitoredFunction per entry of FUNCTIONS, its grants, its triggers
 * (SQS event sources, EventBridge schedules, HTTP API routes). Nothing here holds data: the stack can
 * be destroyed and redeployed without losing a mention or a case.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  Annotations,
  CfnOutput,
  CrossStackReferences,
  Duration,
  ReferenceStrength,
  RemovalPolicy,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  FUNCTIONS,
  QUEUES,
  SECRETS,
  type FunctionName,
  type QueueName,
  type SecretName,
  type Trigger,
} from '../shared/platform/resources';
import { grantDeclaredAccess } from './constructs/function-access';
import { functionEnvironment } from './constructs/function-environment';
import { MonitoredFunction } from './constructs/monitored-function';
import { acknowledge } from './constructs/nag';
import type { StatefulStack } from './stateful-stack';

export interface StatelessStackProps extends StackProps {
  data: StatefulStack;
  projectRoot: string;
  logRetention: logs.RetentionDays;
  logLevel: string;
  /** Full URL of the action route behind a custom domain; by default the API's execute-api URL + path. */
  actionBaseUrl?: string;
  sandboxRecipients: readonly string[];
  /** Requests per second (steady) and burst the action-link API accepts before answering 429. */
  apiThrottle: { rateLimit: number; burstLimit: number };
}

const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  integrationError: '$context.integrationErrorMessage',
});

export class StatelessStack extends Stack {
  readonly functions: Partial<Record<FunctionName, MonitoredFunction>> = {};
  readonly missingEntries: FunctionName[] = [];
  readonly api: apigw.HttpApi;
  /** Scheduled invocations that failed every retry (EventBridge delivery or the function itself). */
  readonly scheduleFailures: sqs.Queue;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    // Exports/ImportValue: CloudFormation refuses to delete the data stack (or a queue or secret in it)
    // while this stack still uses it. Removing one takes two deploys (README, "Deploying to an AWS account").
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    const { data } = props;

    this.api = new apigw.HttpApi(this, 'ActionApi', {
      description: 'One-click action links in alert emails (acknowledge, handled, false positive)',
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'ActionApiAccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new apigw.HttpStage(this, 'ActionApiStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.apiThrottle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });
    // Links are `${ACTION_BASE_URL}?t=<signed token>`, so the setting is the full URL of the action route.
    // The API's own endpoint is an attribute of the Api resource alone, so the emailers can hold it in
    // their environment while the routes point at case-action: no dependency cycle.
    const actionBaseUrl = props.actionBaseUrl ?? `${this.api.apiEndpoint}${ACTION_PATH}`;

    this.scheduleFailures = new sqs.Queue(this, 'ScheduleFailures', {
      // SQS-managed keys: EventBridge can write here without a KMS key policy, and the messages are
      // bare "Scheduled Event" envelopes (source, time, rule ARN) with no personal data.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.scheduleFailures,
      'Serverless-SQSRedrivePolicy',
      'This queue is itself the dead-letter target of the schedules; nothing consumes it, an alarm watches its depth.',
    );

    const environmentValues = {
      tableNames: Object.fromEntries(Object.entries(data.tables).map(([tid, t]) => [tid, t.tableName])),
      queueUrls: Object.fromEntries(
        (Object.keys(QUEUES) as QueueName[]).map((q) => [q, data.queues[q].queue.queueUrl]),
      ) as Record<QueueName, string>,
      secretArns: Object.fromEntries(
        (Object.keys(SECRETS) as SecretName[]).map((s) => [s, data.secrets[s].secretArn]),
      ) as Record<SecretName, string>,
      senderEmail: data.senderEmail,
      sesConfigurationSet: data.configurationSet.configurationSetName,
      actionBaseUrl,
      logLevel: props.logLevel,
    };

    for (const def of Object.values(FUNCTIONS)) {
      if (!existsSync(path.join(props.projectRoot, def.entry))) {
        // Handlers are written alongside this stack; until one exists, synth leaves it out and says so.
        this.missingEntries.push(def.name);
        Annotations.of(this).addWarningV2(
          `school-mention-monitor:missing-entry:${def.name}`,
          `${def.entry} does not exist yet: ${def.name} is left out of the app`,
        );
        continue;
      }
      const scheduled = def.triggers.some(isScheduled);
      const fn = new MonitoredFunction(this, pascal(def.name), {
        definition: def,
        projectRoot: props.projectRoot,
        environment: functionEnvironment(def, environmentValues),
        logRetention: props.logRetention,
        deadLetterQueue: scheduled ? this.scheduleFailures : undefined,
      });
      grantDeclaredAccess(fn.role, def, data, { sandboxRecipients: props.sandboxRecipients });
      this.functions[def.name] = fn;
      this.addTriggers(fn, def.triggers, data);
    }

    if (!Object.values(this.functions).some((fn) => fn.definition.triggers.some(isScheduled))) {
      acknowledge(
        this.scheduleFailures,
        'AwsSolutions-SQS3',
        'No scheduled function is in the app yet (their entry files are missing), so nothing points at this dead-letter queue.',
      );
    }
    new CfnOutput(this, 'ActionBaseUrl', { value: actionBaseUrl });
  }

  private addTriggers(fn: MonitoredFunction, triggers: readonly Trigger[], data: StatefulStack): void {
    const integration = triggers.some((t) => t.kind === 'http')
      ? new HttpLambdaIntegration(`${fn.node.id}Integration`, fn.function)
      : undefined;
    for (const trigger of triggers) {
      switch (trigger.kind) {
        case 'queue': {
          const def = QUEUES[trigger.queue];
          const source = new SqsEventSource(data.queues[trigger.queue].queue, {
            batchSize: def.batchSize,
            reportBatchItemFailures: true,
          });
          fn.function.addEventSource(source);
          acknowledge(
            fn.function,
            'Serverless-LambdaEventSourceMappingDestination',
            `Lambda offers on-failure destinations for stream and Kafka sources only; for SQS the queue's redrive policy moves a message to ${def.id}Dlq after ${def.maxReceiveCount} receives.`,
          );
          break;
        }
        case 'schedule':
        case 'cron': {
          const rule = new events.Rule(this, `${fn.node.id}Schedule`, {
            description: `Runs ${fn.definition.name}`,
            schedule:
              trigger.kind === 'schedule'
                ? events.Schedule.rate(Duration.minutes(trigger.everyMinutes))
                : events.Schedule.cron({ minute: trigger.minute, hour: trigger.hour, weekDay: trigger.weekDay }),
          });
          rule.addTarget(
            new targets.LambdaFunction(fn.function, { deadLetterQueue: this.scheduleFailures, retryAttempts: 2 }),
          );
          break;
        }
        case 'http': {
          const [route] = this.api.addRoutes({
            path: trigger.path,
            methods: [trigger.method === 'GET' ? apigw.HttpMethod.GET : apigw.HttpMethod.POST],
            integration: integration!,
          });
          acknowledge(
            route!,
            'AwsSolutions-APIG4',
            'Action links are opened from an email by staff without AWS identities; each link carries an HMAC signature, an expiry and a single-use nonce that case-action verifies.',
          );
          break;
        }
      }
    }
  }
}

/** The path of the action-link route (case-action's HTTP triggers in resources.ts). */
export const ACTION_PATH = (() => {
  const paths = new Set(
    Object.values(FUNCTIONS).flatMap((f) => f.triggers.flatMap((t) => (t.kind === 'http' ? [t.path] : []))),
  );
  if (paths.size !== 1) throw new Error(`Expected one action-link path in resources.ts, found ${[...paths].join(', ')}`);
  return [...paths][0]!;
})();

const isScheduled = (t: Trigger): boolean => t.kind === 'schedule' || t.kind === 'cron';

const pascal = (name: string): string =>
  name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
