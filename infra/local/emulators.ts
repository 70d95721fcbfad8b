/**
 * The AWS-API emulators the project starts itself, in this process, on 127.0.0.1:
 *   DynamoDB → dynalite (in-memory LevelDB), SQS → fauxqs, SES → aws-ses-v2-local (its web UI is the
 * local mailbox). Then the table and queues are created through the real AWS SDK from the same
 * definitions the CDK stack uses (shared/platform/resources.ts).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CreateTableCommand, DynamoDBClient, type AttributeDefinition } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { buildApp as buildFauxqs } from 'fauxqs';
import sesModule from 'aws-ses-v2-local';
import {
  QUEUES,
  TABLES,
  queueVisibilityTimeoutSeconds,
  type QueueDefinition,
  type QueueName,
  type TableDefinition,
} from '../../shared/platform/resources';

// aws-ses-v2-local is CommonJS with an `exports.default`: under ESM interop it arrives one level down.
const sesServer = ((sesModule as unknown as { default?: typeof sesModule }).default ?? sesModule) as typeof sesModule;

export const LOCAL_REGION = 'eu-west-2';
const LOOPBACK = '127.0.0.1';

export interface Emulators {
  dynamodbEndpoint: string;
  sqsEndpoint: string;
  sesEndpoint: string;
  /** aws-ses-v2-local's web UI: the local mailbox. */
  mailboxUrl: string;
  stop(): Promise<void>;
}

const listen = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolve((server.address() as AddressInfo).port));
  });

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });

export interface EmulatorPorts {
  dynamodb?: number;
  sqs?: number;
  ses?: number;
}

/** Starts the three emulators; port 0 (the default) lets the OS choose free ports. */
export const startEmulators = async (ports: EmulatorPorts = {}): Promise<Emulators> => {
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // fauxqs' startFauxqs() binds 0.0.0.0; building the app ourselves keeps it on loopback. With no
  // `host` option its queue URLs are http://127.0.0.1:<port>/<account>/<name>, which resolve here.
  const fauxqs = buildFauxqs({ logger: false, defaultRegion: LOCAL_REGION });
  const [dynamoPort, fauxqsAddress, ses] = await Promise.all([
    listen(dynamo, ports.dynamodb ?? 0),
    fauxqs.listen({ port: ports.sqs ?? 0, host: LOOPBACK }),
    sesServer({ host: LOOPBACK, port: ports.ses ?? 0 }),
  ]);
  const sesPort = (ses.address() as AddressInfo).port;
  const sesEndpoint = `http://${LOOPBACK}:${sesPort}`;
  return {
    dynamodbEndpoint: `http://${LOOPBACK}:${dynamoPort}`,
    sqsEndpoint: fauxqsAddress,
    sesEndpoint,
    mailboxUrl: `${sesEndpoint}/`,
    stop: async () => {
      await Promise.all([close(dynamo), fauxqs.close(), close(ses)]);
    },
  };
};

/** Credentials and endpoints that make every SDK client in this process talk to the emulators. */
export const emulatorEnvironment = (emulators: Emulators): Record<string, string> => ({
  AWS_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamodbEndpoint,
  AWS_ENDPOINT_URL_SQS: emulators.sqsEndpoint,
  AWS_ENDPOINT_URL_SES: emulators.sesEndpoint,
});

const localClientConfig = (endpoint: string) => ({
  region: LOCAL_REGION,
  endpoint,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

/** Clients for the local tooling and tests (the handlers build theirs in shared/platform/clients.ts). */
export const localDocumentClient = (emulators: Emulators): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(emulators.dynamodbEndpoint)));

export const localSqsClient = (emulators: Emulators): SQSClient =>
  new SQSClient({ ...localClientConfig(emulators.sqsEndpoint), useQueueUrlAsEndpoint: false });

export const createTable = async (client: DynamoDBClient, table: TableDefinition, name = table.id): Promise<void> => {
  const attributeNames = new Set([
    table.partitionKey,
    table.sortKey,
    ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]);
  const attributes: AttributeDefinition[] = [...attributeNames].map((n) => ({ AttributeName: n, AttributeType: 'S' }));
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributes,
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: table.indexes.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
};

export interface ProvisionedQueue {
  name: QueueName;
  definition: QueueDefinition;
  url: string;
  dlqUrl: string;
  visibilityTimeoutSeconds: number;
}

export interface Provisioned {
  tableName: string;
  queues: Record<QueueName, ProvisionedQueue>;
  /** Environment variables that tell the handlers where their table and queues are. */
  env: Record<string, string>;
}

export interface ProvisionOptions {
  /** Prefix for names, so tests can provision several isolated stacks on one emulator. */
  prefix?: string;
  /** Shorter visibility timeouts for tests (the definitions' 6 × function timeout is minutes). */
  visibilityTimeoutSeconds?: (queue: QueueDefinition) => number;
}

/** Creates the table(s) and queues (each with its DLQ and redrive policy) from resources.ts. */
export const provisionResources = async (emulators: Emulators, options: ProvisionOptions = {}): Promise<Provisioned> => {
  const prefix = options.prefix ?? '';
  const dynamo = new DynamoDBClient(localClientConfig(emulators.dynamodbEndpoint));
  const sqs = new SQSClient(localClientConfig(emulators.sqsEndpoint));
  try {
    const env: Record<string, string> = {};
    let tableName = '';
    for (const table of TABLES) {
      tableName = `${prefix}${table.id}`;
      await createTable(dynamo, table, tableName);
      env[table.envVar] = tableName;
    }
    const queues = {} as Record<QueueName, ProvisionedQueue>;
    for (const [name, definition] of Object.entries(QUEUES) as [QueueName, QueueDefinition][]) {
      const dlq = await sqs.send(
        new CreateQueueCommand({
          QueueName: `${prefix}${definition.id}-dlq`,
          Attributes: { MessageRetentionPeriod: String(definition.dlqRetentionSeconds) },
        }),
      );
      const dlqArn = (
        await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))
      ).Attributes?.QueueArn;
      const visibility = options.visibilityTimeoutSeconds?.(definition) ?? queueVisibilityTimeoutSeconds(definition);
      const queue = await sqs.send(
        new CreateQueueCommand({
          QueueName: `${prefix}${definition.id}`,
          Attributes: {
            VisibilityTimeout: String(visibility),
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: definition.maxReceiveCount }),
          },
        }),
      );
      queues[name] = {
        name,
        definition,
        url: queue.QueueUrl!,
        dlqUrl: dlq.QueueUrl!,
        visibilityTimeoutSeconds: visibility,
      };
      env[definition.envVar] = queue.QueueUrl!;
    }
    return { tableName, queues, env };
  } finally {
    dynamo.destroy();
    sqs.destroy();
  }
};
