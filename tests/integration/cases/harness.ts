/**
 * The emulators (dynalite, fauxqs, aws-ses-v2-local) in this process on 127.0.0.1, the table and queues
 * from resources.ts, and the environment the handlers read. Import the handlers only after start():
 * like Lambda, they read their settings on first use.
 */
import { randomBytes } from 'node:crypto';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { simpleParser, type ParsedMail } from 'mailparser';
import {
  emulatorEnvironment,
  LOCAL_REGION,
  provisionResources,
  startEmulators,
  type Emulators,
  type Provisioned,
} from '../../../infra/local/emulators';
import { toSqsRecord } from '../../../infra/local/sqs-event-source';
import type { SchoolInput } from '../../../shared/domain/model';
import { dynamoDocumentClient } from '../../../shared/platform/clients';
import { DynamoSchoolRepository } from '../../../shared/platform/dynamo-school-repository';
import { SECRETS, SETTINGS_ENV } from '../../../shared/platform/resources';

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

export interface CaseStack {
  emulators: Emulators;
  provisioned: Provisioned;
  signingKey: string;
  sqs: SQSClient;
  mailbox(): Promise<StoredEmail[]>;
  clearMailbox(): Promise<void>;
  /** The stored email rebuilt as MIME by the emulator and parsed back: headers as a mail client sees them. */
  parsedEmail(messageId: string): Promise<ParsedMail>;
  putSchool(school: SchoolInput): Promise<void>;
  /** Sends a body to the alerts queue and receives it back as a Lambda SQS event (real SQS round trip). */
  alertEvent(body: unknown): Promise<SQSEvent>;
  stop(): Promise<void>;
}

export const startCaseStack = async (actionBaseUrl = 'http://127.0.0.1:9/actions'): Promise<CaseStack> => {
  const emulators = await startEmulators();
  const provisioned = await provisionResources(emulators, { visibilityTimeoutSeconds: () => 1 });
  const signingKey = randomBytes(32).toString('base64');
  Object.assign(process.env, {
    ...emulatorEnvironment(emulators),
    ...provisioned.env,
    [SETTINGS_ENV.senderEmail]: 'alerts@monitor.example',
    [SETTINGS_ENV.actionBaseUrl]: actionBaseUrl,
    [SECRETS['link-signing-key'].envVar]: signingKey,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  const sqs = new SQSClient({
    region: LOCAL_REGION,
    endpoint: emulators.sqsEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    useQueueUrlAsEndpoint: false,
  });
  const ses = emulators.sesEndpoint;
  const queue = provisioned.queues.alerts;
  return {
    emulators,
    provisioned,
    signingKey,
    sqs,
    mailbox: async () => ((await (await fetch(`${ses}/store`)).json()) as { emails: StoredEmail[] }).emails,
    clearMailbox: async () => {
      await fetch(`${ses}/clear-store`, { method: 'POST' });
    },
    parsedEmail: async (messageId) => {
      const response = await fetch(`${ses}/get-emlContent?messageId=${encodeURIComponent(messageId)}`);
      const { body } = (await response.json()) as { body: { type: 'Buffer'; data: number[] } };
      return simpleParser(Buffer.from(body.data));
    },
    putSchool: async (school) => {
      await new DynamoSchoolRepository(dynamoDocumentClient(), provisioned.tableName).putSchool(school);
    },
    alertEvent: async (body) => {
      await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: JSON.stringify(body) }));
      const received = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }),
      );
      const arn = `arn:aws:sqs:${LOCAL_REGION}:000000000000:${queue.definition.id}`;
      return { Records: (received.Messages ?? []).map((m) => toSqsRecord(m, arn, LOCAL_REGION)) };
    },
    stop: async () => {
      sqs.destroy();
      await emulators.stop();
    },
  };
};
