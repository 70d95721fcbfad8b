import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { QUEUES, SECRETS, TABLES, type QueueName } from '../../shared/platform/resources';
import { logicalId, refersTo, resourcesOf, synthesizeApp, type SynthesizedApp } from './synth-app';

let synth: SynthesizedApp;
beforeAll(() => {
  synth = synthesizeApp();
});

describe('data stack: tables', () => {
  it('creates exactly the tables resources.ts defines, on demand, with the key schema and GSIs', () => {
    const tables = resourcesOf(synth.data, 'AWS::DynamoDB::Table');
    expect(Object.keys(tables)).toHaveLength(TABLES.length);
    for (const def of TABLES) {
      const id = logicalId(synth.stacks.data.tables[def.id]!);
      const props = tables[id]!.Properties!;
      expect(props.BillingMode).toBe('PAY_PER_REQUEST');
      expect(props.KeySchema).toEqual([
        { AttributeName: def.partitionKey, KeyType: 'HASH' },
        { AttributeName: def.sortKey, KeyType: 'RANGE' },
      ]);
      expect(props.GlobalSecondaryIndexes.map((g: { IndexName: string }) => g.IndexName)).toEqual(
        def.indexes.map((i) => i.name),
      );
      expect(props.TimeToLiveSpecification).toEqual({ AttributeName: def.ttlAttribute, Enabled: true });
    }
  });

  it('every table has point-in-time recovery, is encrypted with the customer-managed key and is retained', () => {
    const keyId = logicalId(synth.stacks.data.key);
    for (const table of Object.values(resourcesOf(synth.data, 'AWS::DynamoDB::Table'))) {
      expect(table.Properties!.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.Properties!.SSESpecification).toEqual({
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      });
      expect(table.Properties!.DeletionProtectionEnabled).toBe(true);
      expect(table.DeletionPolicy).toBe('Retain');
    }
  });

  it('the data key is customer-managed, rotated yearly and retained', () => {
    const keys = resourcesOf(synth.data, 'AWS::KMS::Key');
    expect(Object.keys(keys)).toEqual([logicalId(synth.stacks.data.key)]);
    const [key] = Object.values(keys);
    expect(key!.Properties!.EnableKeyRotation).toBe(true);
    expect(key!.DeletionPolicy).toBe('Retain');
  });
});

describe('data stack: queues', () => {
  const names = Object.keys(QUEUES) as QueueName[];

  it('every queue resources.ts defines redrives to its own dead-letter queue after maxReceiveCount receives', () => {
    const queues = resourcesOf(synth.data, 'AWS::SQS::Queue');
    for (const name of names) {
      const { queue, dlq } = synth.stacks.data.queues[name];
      const redrive = queues[logicalId(queue)]!.Properties!.RedrivePolicy;
      expect(redrive.maxReceiveCount).toBe(QUEUES[name].maxReceiveCount);
      expect(redrive.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': [logicalId(dlq), 'Arn'] });
      expect(queues[logicalId(dlq)]!.Properties!.MessageRetentionPeriod).toBe(QUEUES[name].dlqRetentionSeconds);
    }
  });

  it('every queue in the app has a DLQ or is itself the DLQ of another queue or function', () => {
    const templates = [synth.data, synth.functions];
    const allQueues = templates.flatMap((t) => Object.entries(resourcesOf(t, 'AWS::SQS::Queue')));
    const dlqTargets = JSON.stringify([
      ...allQueues.map(([, q]) => q.Properties?.RedrivePolicy ?? null),
      ...Object.values(resourcesOf(synth.functions, 'AWS::Lambda::Function')).map((f) => f.Properties!.DeadLetterConfig ?? null),
    ]);
    expect(allQueues.length).toBeGreaterThan(names.length * 2 - 1);
    for (const [id, queue] of allQueues) {
      const hasDlq = queue.Properties?.RedrivePolicy !== undefined;
      const isDlq = dlqTargets.includes(`"${id}"`);
      expect({ id, ok: hasDlq || isDlq }).toEqual({ id, ok: true });
    }
  });

  it('every queue is KMS-encrypted with the data key (the schedule DLQ: SQS-managed) and refuses non-TLS requests', () => {
    const keyId = logicalId(synth.stacks.data.key);
    for (const queue of Object.values(resourcesOf(synth.data, 'AWS::SQS::Queue'))) {
      expect(queue.Properties!.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    }
    for (const queue of Object.values(resourcesOf(synth.functions, 'AWS::SQS::Queue'))) {
      expect(queue.Properties!.SqsManagedSseEnabled).toBe(true);
    }
    for (const template of [synth.data, synth.functions]) {
      const queues = Object.keys(resourcesOf(template, 'AWS::SQS::Queue'));
      const policies = Object.values(resourcesOf(template, 'AWS::SQS::QueuePolicy'));
      for (const id of queues) {
        const denyPlainHttp = policies.some(
          (p) =>
            refersTo(p.Properties!.Queues, id) &&
            p.Properties!.PolicyDocument.Statement.some(
              (s: Record<string, any>) =>
                s.Effect === 'Deny' && s.Action === 'sqs:*' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
            ),
        );
        expect({ id, denyPlainHttp }).toEqual({ id, denyPlainHttp: true });
      }
    }
  });
});

describe('data stack: secrets and email', () => {
  it('each secret is encrypted with the data key; the link-signing key is generated, the token map starts empty', () => {
    const keyId = logicalId(synth.stacks.data.key);
    const secrets = resourcesOf(synth.data, 'AWS::SecretsManager::Secret');
    expect(Object.keys(secrets)).toHaveLength(Object.keys(SECRETS).length);
    const signing = secrets[logicalId(synth.stacks.data.secrets['link-signing-key'])]!;
    const tokens = secrets[logicalId(synth.stacks.data.secrets['platform-tokens'])]!;
    for (const secret of [signing, tokens]) {
      expect(secret.Properties!.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
      expect(secret.DeletionPolicy).toBe('Retain');
    }
    expect(signing.Properties!.GenerateSecretString).toEqual({ ExcludePunctuation: true, PasswordLength: 64 });
    expect(signing.Properties!.SecretString).toBeUndefined();
    expect(JSON.parse(tokens.Properties!.SecretString)).toEqual({});
  });

  it('verifies the sender domain in SES with a configuration set that requires TLS and suppresses bounces', () => {
    synth.data.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'school.example',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: logicalId(synth.stacks.data.configurationSet) } },
    });
    synth.data.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: Match.arrayWith(['BOUNCE', 'COMPLAINT']) },
    });
    expect(Object.keys(synth.data.findOutputs('*')).filter((id) => id.startsWith('DkimRecord'))).toHaveLength(3);
  });
});
