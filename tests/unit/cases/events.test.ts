import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2, SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { AlertMessageSchema } from '../../../shared/domain/messages';
import { parseMessage } from '../../../shared/platform/sqs-batch';
import { SIGNING_KEY } from './fixtures';

const events = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../events');
const load = <T>(name: string): T => JSON.parse(readFileSync(path.join(events, name), 'utf8')) as T;

describe('recorded events for the cases handlers', () => {
  it('the alerts-queue event carries an AlertMessage the notifier accepts', () => {
    const event = load<SQSEvent>('notify-alerts-sqs.json');
    const message = parseMessage(AlertMessageSchema, event.Records[0]!);
    expect(message.mention.id).toBe('m-7f3a9c');
    expect(message.classification).toMatchObject({ flagged: true, categories: ['threat'], severity: 'critical' });
  });

  describe('case-action with API Gateway v2 events whose token is forged', () => {
    let handler: (event: APIGatewayProxyEventV2) => Promise<{ statusCode?: number; body?: string; headers?: Record<string, unknown> }>;
    beforeAll(async () => {
      // Nothing may reach DynamoDB: a forged link is refused before any read (the endpoint is a closed port).
      Object.assign(process.env, {
        AWS_REGION: 'eu-west-2',
        AWS_ACCESS_KEY_ID: 'unit',
        AWS_SECRET_ACCESS_KEY: 'unit',
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
        TABLE_NAME: 'unit-table',
        SENDER_EMAIL: 'alerts@monitor.example',
        ACTION_BASE_URL: 'https://abc123.execute-api.eu-west-2.amazonaws.com/actions',
        LINK_SIGNING_SECRET: SIGNING_KEY,
        POWERTOOLS_LOG_LEVEL: 'SILENT',
      });
      ({ handler } = await import('../../../functions/case-action'));
    });

    it('GET answers 403 with a page that says the link is not valid', async () => {
      const result = await handler(load('case-action-get.json'));
      expect(result.statusCode).toBe(403);
      expect(result.headers?.['content-type']).toBe('text/html; charset=utf-8');
      expect(result.body).toContain('This link is not valid: it has been altered or was not issued by us.');
      expect(result.body).toContain('Nothing was changed.');
    });

    it('POST (base64 form body) answers 403 too', async () => {
      const result = await handler(load('case-action-post.json'));
      expect(result.statusCode).toBe(403);
    });

    it('a request without a token answers 403, and another method 405', async () => {
      const get = load<APIGatewayProxyEventV2>('case-action-get.json');
      expect((await handler({ ...get, queryStringParameters: undefined })).statusCode).toBe(403);
      const put = { ...get, requestContext: { ...get.requestContext, http: { ...get.requestContext.http, method: 'PUT' } } };
      expect((await handler(put)).statusCode).toBe(405);
    });
  });
});
