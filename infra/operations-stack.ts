/**
 * What an administrator watches: an encrypted SNS topic (email subscription), alarms on every
 * dead-letter queue, every function's errors and the SLA-breach metric, and the dashboard.
 */
import { ArnFormat, CrossStackReferences, Duration, ReferenceStrength, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { QUEUES, type QueueName } from '../shared/platform/resources';
import { acknowledge } from './constructs/nag';
import { buildDashboard } from './operations-dashboard';
import { METRIC, METRICS_NAMESPACE, SERVICE_DIMENSIONS } from './operations-metrics';
import type { StatefulStack } from './stateful-stack';
import type { StatelessStack } from './stateless-stack';

export interface OperationsStackProps extends StackProps {
  data: StatefulStack;
  app: StatelessStack;
  /** Where alarm notifications go; without it the topic exists and can be subscribed by hand. */
  adminEmail?: string;
}

const ALARM_PERIOD = Duration.minutes(5);

export class OperationsStack extends Stack {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsStackProps) {
    super(scope, id, props);
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);

    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the School Mention Monitor administrator alarm topic',
      enableKeyRotation: true,
    });
    // CloudWatch alarms cannot publish to a topic under the AWS-managed SNS key; they need these two
    // actions on a customer-managed key (AWS documents no condition key CloudWatch sets on the call).
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.topic = new sns.Topic(this, 'AdminAlarms', {
      displayName: 'School Mention Monitor alarms',
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyThisAccountsAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );
    if (props.adminEmail) {
      const subscription = new sns.Subscription(this, 'AdminEmail', {
        topic: this.topic,
        protocol: sns.SubscriptionProtocol.EMAIL,
        endpoint: props.adminEmail,
      });
      acknowledge(
        subscription,
        'Serverless-SNSRedrivePolicy',
        'An alarm email that cannot be delivered has nothing to replay: the alarm state stays visible in CloudWatch and on the dashboard.',
      );
    }

    const action = new SnsAction(this.topic);
    const deadLetterQueues: [string, sqs.IQueue][] = [
      ...(Object.keys(QUEUES) as QueueName[]).map((q): [string, sqs.IQueue] => [QUEUES[q].id, props.data.queues[q].dlq]),
      ['ScheduleFailures', props.app.scheduleFailures],
    ];
    for (const [name, dlq] of deadLetterQueues) {
      this.add(
        new cloudwatch.Alarm(this, `${name}DlqNotEmpty`, {
          alarmDescription: `Messages in the dead-letter queue of ${name}: work failed every retry. Inspect, fix, then redrive.`,
          metric: dlq.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: 'Maximum' }),
          threshold: 0,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
        action,
      );
    }

    for (const fn of Object.values(props.app.functions)) {
      this.add(
        new cloudwatch.Alarm(this, `${fn.node.id}Errors`, {
          alarmDescription: `${fn.definition.name} threw (or timed out) in the last 5 minutes; see its log group.`,
          metric: fn.function.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }),
          threshold: 0,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
        action,
      );
    }

    this.add(
      new cloudwatch.Alarm(this, 'SlaBreached', {
        alarmDescription: 'A case passed its response deadline without an answer (emitted by sla-monitor).',
        metric: new cloudwatch.Metric({
          namespace: METRICS_NAMESPACE,
          metricName: METRIC.slaBreaches,
          dimensionsMap: { ...SERVICE_DIMENSIONS },
          period: ALARM_PERIOD,
          statistic: 'Sum',
        }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      action,
    );

    buildDashboard(this, {
      functions: Object.values(props.app.functions),
      deadLetterQueues,
      alarms: this.alarms,
    });
  }

  private add(alarm: cloudwatch.Alarm, action: SnsAction): void {
    alarm.addAlarmAction(action);
    this.alarms.push(alarm);
  }
}
