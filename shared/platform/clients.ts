/**
 * The only place that creates AWS clients: one per service, created once per container on first use.
 * Endpoints come from configuration: the SDK reads AWS_ENDPOINT_URL_DYNAMODB / _SQS / _SES (the local
 * runtime points them at the emulators); on Lambda they are unset and the regional endpoints apply.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { SQSClient } from '@aws-sdk/client-sqs';

const once = <T>(create: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= create());
};

export const dynamoDocumentClient = once(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 4 }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }),
);

/**
 * useQueueUrlAsEndpoint: false — send to the configured endpoint rather than the host inside the
 * queue URL. On AWS the two are the same regional endpoint; locally fauxqs hands out URLs on
 * sqs.<region>.localhost, which only AWS_ENDPOINT_URL_SQS should decide how to reach.
 */
export const sqsClient = once(() => new SQSClient({ maxAttempts: 4, useQueueUrlAsEndpoint: false }));

/**
 * SES with a request timeout that throws: a hung send must fail the record (and be retried), never
 * hold the function until Lambda kills it.
 */
export const sesClient = once(
  () =>
    new SESClient({
      maxAttempts: 2,
      // Without throwOnRequestTimeout, smithy only logs a warning when requestTimeout passes.
      requestHandler: { requestTimeout: 5_000, connectionTimeout: 2_000, throwOnRequestTimeout: true },
    }),
);
