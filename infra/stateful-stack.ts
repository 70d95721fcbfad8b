/**
 * Everything that holds data or identity and must outlive a redeploy of the code: the table(s),
 * the queues and their dead-letter queues, the KMS key that encrypts them, the secrets, and the SES
 * identity with its configuration set. Generated from shared/platform/resources.ts.
 */
import { CfnOutput, Duration, RemovalPolicy, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  QUEUES,
  SECRETS,
  TABLES,
  queueVisibilityTimeoutSeconds,
  type QueueName,
  type SecretName,
} from '../shared/platform/resources';
import { acknowledge } from './constructs/nag';

export interface StatefulStackProps extends StackProps {
  /** The From address of every email. Must be on senderDomain when that is given. */
  senderEmail: string;
  /** Verify this whole domain (DKIM records to publish) instead of the single sender address. */
  senderDomain?: string;
}

export interface QueuePair {
  queue: sqs.Queue;
  dlq: sqs.Queue;
}

export class StatefulStack extends Stack {
  readonly key: kms.Key;
  readonly tables: Record<string, dynamodb.Table> = {};
  readonly queues = {} as Record<QueueName, QueuePair>;
  readonly secrets = {} as Record<SecretName, secretsmanager.Secret>;
  readonly emailIdentity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly configurationSetArn: string;
  readonly senderEmail: string;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    this.senderEmail = props.senderEmail;

    this.key = new kms.Key(this, 'DataKey', {
      description: 'Encrypts the School Mention Monitor table, queues and secrets',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const def of TABLES) {
      const table = new dynamodb.Table(this, def.id, {
        partitionKey: { name: def.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: def.sortKey, type: dynamodb.AttributeType.STRING },
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.key,
        timeToLiveAttribute: def.ttlAttribute,
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      for (const index of def.indexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
          sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
          projectionType: dynamodb.ProjectionType.ALL,
        });
      }
      this.tables[def.id] = table;
    }

    for (const [name, def] of Object.entries(QUEUES) as [QueueName, (typeof QUEUES)[QueueName]][]) {
      const dlq = new sqs.Queue(this, `${def.id}Dlq`, {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: this.key,
        enforceSSL: true,
        retentionPeriod: Duration.seconds(def.dlqRetentionSeconds),
        removalPolicy: RemovalPolicy.RETAIN,
      });
      acknowledge(dlq, 'Serverless-SQSRedrivePolicy', `This queue is the dead-letter queue of ${def.id}; a DLQ of a DLQ would only move the problem.`);
      const queue = new sqs.Queue(this, def.id, {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: this.key,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(queueVisibilityTimeoutSeconds(def)),
        deadLetterQueue: { queue: dlq, maxReceiveCount: def.maxReceiveCount },
      });
      this.queues[name] = { queue, dlq };
    }

    for (const [name, def] of Object.entries(SECRETS) as [SecretName, (typeof SECRETS)[SecretName]][]) {
      const secret = new secretsmanager.Secret(this, def.id, {
        description: def.description,
        encryptionKey: this.key,
        removalPolicy: RemovalPolicy.RETAIN,
        ...(name === 'link-signing-key'
          ? { generateSecretString: { passwordLength: 64, excludePunctuation: true } }
          : // An empty token map: official-account connectors stay off until an administrator fills it in.
            { secretStringValue: SecretValue.unsafePlainText('{}') }),
      });
      acknowledge(
        secret,
        'AwsSolutions-SMG4',
        name === 'link-signing-key'
          ? 'Rotating the link-signing key invalidates every action link already emailed; it is rotated by hand (README, "Deploying to an AWS account") after the SLA window.'
          : 'Platform tokens are issued by the social platforms and can only be renewed there; an administrator replaces them (README, "Deploying to an AWS account").',
      );
      this.secrets[name] = secret;
    }

    this.configurationSet = new ses.ConfigurationSet(this, 'SendingConfiguration', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      // Alerts quote mentions about pupils and staff: never deliver them over plain SMTP.
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.configurationSetArn = this.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    this.emailIdentity = new ses.EmailIdentity(this, 'SenderIdentity', {
      identity: props.senderDomain ? ses.Identity.domain(props.senderDomain) : ses.Identity.email(props.senderEmail),
      configurationSet: this.configurationSet,
    });

    new CfnOutput(this, 'SenderIdentityName', { value: this.emailIdentity.emailIdentityName });
    if (props.senderDomain) {
      this.emailIdentity.dkimRecords.forEach((record, i) => {
        new CfnOutput(this, `DkimRecord${i + 1}`, {
          description: `CNAME to publish in the DNS of ${props.senderDomain} (SES domain verification)`,
          value: `${record.name} CNAME ${record.value}`,
        });
      });
    }
    for (const [name, secret] of Object.entries(this.secrets)) {
      new CfnOutput(this, `${SECRETS[name as SecretName].id}Arn`, { value: secret.secretArn });
    }
  }
}
