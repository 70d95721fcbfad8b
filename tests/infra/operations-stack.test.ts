import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC, METRICS_NAMESPACE, SERVICE_DIMENSIONS } from '../../infra/operations-metrics';
import { CATEGORY_IDS } from '../../shared/domain/policy';
import { QUEUES, type QueueName } from '../../shared/platform/resources';
import { logicalId, presentFunctions, refersTo, resourcesOf, synthesizeApp, type SynthesizedApp } from './synth-app';

let synth: SynthesizedApp;
let alarms: Record<string, Record<string, any>>;
beforeAll(() => {
  synth = synthesizeApp();
  alarms = Object.fromEntries(
    Object.entries(resourcesOf(synth.operations, 'AWS::CloudWatch::Alarm')).map(([id, a]) => [id, a.Properties!]),
  );
});

const topicId = () => logicalId(synth.stacks.operations.topic);

describe('operations: alarms', () => {
  it('every alarm notifies the administrator topic', () => {
    expect(Object.keys(alarms).length).toBeGreaterThan(0);
    for (const [id, alarm] of Object.entries(alarms)) expect({ id, actions: alarm.AlarmActions }).toEqual({ id, actions: [{ Ref: topicId() }] });
  });

  it('alarms as soon as any dead-letter queue holds a message', () => {
    const dlqs = [
      ...(Object.keys(QUEUES) as QueueName[]).map((q) => logicalId(synth.stacks.data.queues[q].dlq)),
      logicalId(synth.stacks.app.scheduleFailures),
    ];
    for (const dlq of dlqs) {
      const alarm = Object.values(alarms).find(
        (a) => a.MetricName === 'ApproximateNumberOfMessagesVisible' && refersTo(a.Dimensions, dlq),
      );
      expect(alarm, dlq).toBeDefined();
      expect(alarm).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1 });
    }
  });

  it("alarms on any error of every function", () => {
    for (const name of presentFunctions) {
      const fnId = logicalId(synth.stacks.app.functions[name]!.function);
      const alarm = Object.values(alarms).find((a) => a.MetricName === 'Errors' && refersTo(a.Dimensions, fnId));
      expect(alarm, name).toBeDefined();
      expect(alarm).toMatchObject({ Namespace: 'AWS/Lambda', Statistic: 'Sum', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });

  it('alarms on an SLA breach from the SlaBreaches metric the SLA monitor emits', () => {
    const alarm = Object.values(alarms).find((a) => a.MetricName === METRIC.slaBreaches);
    expect(alarm).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [{ Name: 'service', Value: SERVICE_DIMENSIONS.service }],
      Statistic: 'Sum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
  });
});

describe('operations: topic and dashboard', () => {
  it('the topic is encrypted with its own rotated key that CloudWatch may use, refuses non-TLS, and mails the admin', () => {
    const topic = resourcesOf(synth.operations, 'AWS::SNS::Topic')[topicId()]!.Properties!;
    const keyId = (topic.KmsMasterKeyId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
    const key = resourcesOf(synth.operations, 'AWS::KMS::Key')[keyId]!.Properties!;
    expect(key.EnableKeyRotation).toBe(true);
    expect(key.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
    );
    const [policy] = Object.values(resourcesOf(synth.operations, 'AWS::SNS::TopicPolicy'));
    expect(policy!.Properties!.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    synth.operations.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'it@school.example' });
  });

  it('the dashboard charts mentions, flags for each policy category, open cases and SLA met %', () => {
    const [dashboard] = Object.values(resourcesOf(synth.operations, 'AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard!.Properties!.DashboardBody);
    for (const metric of Object.values(METRIC)) expect(body).toContain(`\\"${metric}\\"`);
    for (const category of CATEGORY_IDS) expect(body).toContain(`\\"Category\\",\\"${category}\\"`);
    expect(body).toContain('100 * met / (met + breached)');
  });
});
