/**
 * Grants exactly what a function's definition in resources.ts declares: the table (read or read/write,
 * with the KMS key), sending to its sendsTo queues, SES sending through the sender identity and the
 * configuration set, and reading its own secrets. Consuming its trigger queue is granted by the SQS
 * event source itself (receive/delete on that queue only).
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { TABLES, type FunctionDefinition } from '../../shared/platform/resources';
import type { StatefulStack } from '../stateful-stack';
import { acknowledge } from './nag';

export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
] as const;
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;
/** What DynamoDB needs on a customer-managed table key for the caller (the same sets CDK's grants use). */
export const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
export const KEY_WRITE_ACTIONS = ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

export interface AccessOptions {
  /** SES sandbox only: verified recipient addresses, whose identities SES also authorises against. */
  sandboxRecipients: readonly string[];
}

export const grantDeclaredAccess = (
  role: iam.Role,
  def: FunctionDefinition,
  data: StatefulStack,
  options: AccessOptions,
): void => {
  for (const tableDef of TABLES) {
    const table = data.tables[tableDef.id]!;
    // Written out rather than table.grantReadWriteData(): that grant covers "<table>/index/*" and the
    // stream actions; this names the table and each of its indexes, and no streams (there are none).
    const tableArns = [table.tableArn, ...tableDef.indexes.map((index) => `${table.tableArn}/index/${index.name}`)];
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: def.table === 'write' ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : [...TABLE_READ_ACTIONS],
        resources: tableArns,
      }),
    );
    data.key.grant(role, ...(def.table === 'write' ? [...KEY_READ_ACTIONS, ...KEY_WRITE_ACTIONS] : KEY_READ_ACTIONS));
  }

  for (const queue of def.sendsTo) data.queues[queue].queue.grantSendMessages(role);

  if (def.sendsEmail) {
    const stack = Stack.of(data);
    const recipientIdentities = options.sandboxRecipients.map((address) =>
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: address }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SendThroughSenderIdentity',
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [data.emailIdentity.emailIdentityArn, data.configurationSetArn, ...recipientIdentities],
      }),
    );
  }

  for (const name of def.secrets) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [data.secrets[name].secretArn],
      }),
    );
  }
  if (def.secrets.length > 0) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'DecryptSecretsThroughSecretsManager',
        actions: ['kms:Decrypt'],
        resources: [data.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(data).region}.amazonaws.com` } },
      }),
    );
  }

  if (def.table === 'write' || def.sendsTo.length > 0) {
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
      acknowledge(
        role,
        'AwsSolutions-IAM5',
        `CDK grants for a KMS-encrypted table or queue include ${action}; it applies to the one data key ARN only.`,
        `Action::${action}`,
      );
    }
  }
};

